import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Server actions are public endpoints: anyone can post to one whose id they
// learn. Every action under app/admin must therefore check the admin role
// itself, as its first step, whatever page it is used from; every route
// handler there likewise. e2e/admin-access.spec.ts drives the pages.
const root = path.join(__dirname, '..', 'app', 'admin')
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
const adminFiles = files(root)

/** Each exported function's body, up to the next top-level declaration. */
function exportedBodies(source: string): { name: string; body: string }[] {
  const starts = [...source.matchAll(/^export async function (\w+)\(/gm)]
  return starts.map((match) => {
    const rest = source.slice(match.index! + match[0].length)
    const end = rest.search(/^(export |async function |function |const |\/\*\*)/m)
    return { name: match[1]!, body: end === -1 ? rest : rest.slice(0, end) }
  })
}

describe('administration', () => {
  const actionFiles = adminFiles.filter((f) => /\.tsx?$/.test(f) && fs.readFileSync(f, 'utf8').startsWith("'use server'"))

  it('has server actions to check (the scan finds them)', () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(6)
  })

  it.each(actionFiles.map((f) => [path.relative(root, f), f]))('%s: every action asks for the admin role before anything else', (_name, file) => {
    const source = fs.readFileSync(file, 'utf8')
    const bodies = exportedBodies(source)
    expect(bodies.length).toBeGreaterThan(0)
    for (const { name, body } of bodies) {
      const firstAwait = body.indexOf('await ')
      expect(firstAwait, `${name} awaits nothing`).toBeGreaterThan(-1)
      // The first thing awaited is the admin check (or the file's own helper that starts with it).
      const firstCall = body.slice(firstAwait, firstAwait + 80)
      const helper = /^await (\w+)\(/.exec(firstCall)?.[1]
      const guarded = firstCall.startsWith("await requireStaff({ role: 'ADMIN'") || (helper !== undefined && new RegExp(`(async )?function ${helper}\\([^)]*\\)[^{]*\\{\\s*(const \\w+ = )?await requireStaff\\(\\{ role: 'ADMIN'`).test(source))
      expect(guarded, `${name} must start with requireStaff({ role: 'ADMIN', … }): ${firstCall}`).toBe(true)
    }
  })

  it.each(adminFiles.filter((f) => /route\.tsx?$/.test(f)).map((f) => [path.relative(root, f), f]))('%s: the route handler refuses anyone but an admin', (_name, file) => {
    expect(fs.readFileSync(file, 'utf8')).toMatch(/roleAllows\(\{ role: session\.staff\.role, required: 'ADMIN' \}\)|requireStaff\(\{ role: 'ADMIN'/)
  })
})
