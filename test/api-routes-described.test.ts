import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '@/lib/api'

// Every route under app/api/v1, found on disk, must be in the OpenAPI
// document with each HTTP method it exports, and the document must describe
// nothing that is not there: a new route without a description fails here.

const API_ROOT = path.join(process.cwd(), 'app', 'api', 'v1')
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return routeFiles(full)
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : []
  })
}

/** "app/api/v1/users/[id]/route.ts" → "/api/v1/users/{id}"; route groups "(x)" vanish from URLs. */
function urlPath(file: string): string {
  const segments = path
    .relative(path.join(process.cwd(), 'app'), path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, '{$1}'))
  return `/${segments.join('/')}`
}

function exportedMethods(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8')
  return METHODS.filter((m) => new RegExp(`export\\s+(?:async\\s+)?(?:function\\s+${m}\\b|const\\s+${m}\\b)|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source))
}

describe('the API description covers app/api/v1', () => {
  const routes = routeFiles(API_ROOT).flatMap((file) => exportedMethods(file).map((method) => `${method} ${urlPath(file)}`))
  const described = Object.entries(buildOpenApiDocument({ serverUrl: 'http://localhost:3000' }).paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`))

  it('finds the routes on disk', () => {
    expect(routes).toEqual(expect.arrayContaining(['POST /api/v1/validate', 'GET /api/v1/health', 'GET /api/v1/check', 'GET /api/v1/openapi.json']))
  })

  it('describes every route and method, and nothing more', () => {
    expect([...described].sort()).toEqual([...routes].sort())
  })
})
