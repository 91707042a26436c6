import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ZValidateRequest } from '@/lib/validate'
import { buildOpenApiDocument, type JsonSchema } from './build-openapi-document'

const document = buildOpenApiDocument({ serverUrl: 'https://portal.example.org' })
type Operation = { requestBody?: { content: Record<string, { schema: JsonSchema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }> }
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })))

/** Every schema in the document with where it sits, for messages. */
function schemas(): { where: string; schema: JsonSchema }[] {
  return operations.flatMap(({ path, method, op }) => [
    ...(op.requestBody ? [{ where: `${method} ${path} request`, schema: op.requestBody.content['application/json']!.schema }] : []),
    ...Object.entries(op.responses).flatMap(([status, r]) => (r.content ? [{ where: `${method} ${path} ${status}`, schema: r.content['application/json']!.schema }] : [])),
  ])
}

/** Properties without a description, anywhere in a JSON Schema. */
function undescribed(schema: JsonSchema, at: string): string[] {
  const own = typeof schema.description === 'string' && schema.description.length > 0 ? [] : [at]
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([name, s]) => undescribed(s, `${at}.${name}`))
  const alternatives = ((schema.anyOf ?? []) as JsonSchema[]).flatMap((s, i) => undescribed(s, `${at}|${i}`))
  return [...own, ...properties, ...alternatives]
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer-key scheme, and every operation names it or none', () => {
    expect(document.openapi).toBe('3.1.0')
    expect(document.servers).toEqual([{ url: 'https://portal.example.org' }])
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
    for (const { op } of operations) expect(Object.keys(op.responses).length).toBeGreaterThan(0)
  })

  it('describes every schema and every property, so the reference page never shows a bare field', () => {
    const missing = schemas().flatMap(({ where, schema }) => undescribed(schema, where))
    expect(missing).toEqual([])
  })

  it('documents a 401 and a 429 wherever a key is needed, with their headers', () => {
    for (const { path, method, op } of operations.filter(({ op }) => (op as { security?: unknown[] }).security?.length)) {
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429']))
      expect((op.responses['429'] as { headers?: object }).headers, `${method} ${path}`).toHaveProperty('Retry-After')
    }
  })

  it("accepts exactly the validate requests the route's own schema accepts: one schema, no drift", () => {
    const fromDocument = z.fromJSONSchema(operations.find((o) => o.path === '/api/v1/validate')!.op.requestBody!.content['application/json']!.schema)
    const bodies: unknown[] = [
      { username: 'jdoe', passcode: '4827123456' },
      { username: 'jdoe', passcode: '4827123456', clientIp: '198.51.100.7' },
      { username: 'jdoe', passcode: '', clientIp: 'not an address' },
      { username: '', passcode: '4827123456' },
      { username: 'x'.repeat(255), passcode: '4827123456' },
      { username: 'jdoe', passcode: '9'.repeat(4097) },
      { username: 'jdoe', passcode: '4827123456', clientIp: '1'.repeat(65) },
      { username: 'jdoe' },
      { username: 42, passcode: '4827123456' },
      { username: 'jdoe', passcode: null },
      null,
      [],
      'jdoe',
    ]
    for (const body of bodies) expect(fromDocument.safeParse(body).success, JSON.stringify(body)?.slice(0, 60)).toBe(ZValidateRequest.safeParse(body).success)
  })
})
