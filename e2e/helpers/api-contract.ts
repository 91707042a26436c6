import { expect } from '@playwright/test'
import { z } from 'zod'
import { serverEnv } from '../server-env'

// A recorder for the gateway API's answers in the e2e suite: each one is
// checked against the OpenAPI document the server under test publishes
// (GET /api/v1/openapi.json): its status must be described for that route,
// its described headers present, and its JSON body valid for the described
// schema. An answer the document does not promise fails the test.

type DescribedResponse = { headers?: Record<string, unknown>; content?: Record<string, { schema: Record<string, unknown> }> }
type ApiDocument = { paths: Record<string, Record<string, { responses: Record<string, DescribedResponse> }>> }

let document: Promise<ApiDocument> | undefined
const validators = new Map<object, z.ZodType>()

function apiDocument(): Promise<ApiDocument> {
  document ??= fetch(`${serverEnv().baseURL}/api/v1/openapi.json`).then(async (response) => {
    if (!response.ok) throw new Error(`GET /api/v1/openapi.json answered ${response.status}`)
    return (await response.json()) as ApiDocument
  })
  return document
}

export type RecordedAnswer = { method: string; path: string; status: number; headers: Record<string, string>; body: unknown }

export async function expectDocumentedAnswer({ method, path, status, headers, body }: RecordedAnswer): Promise<void> {
  const operation = (await apiDocument()).paths[path]?.[method.toLowerCase()]
  expect(operation, `${method} ${path} is in the OpenAPI document`).toBeTruthy()
  const described = operation!.responses[String(status)] ?? operation!.responses[`${String(status)[0]}XX`]
  expect(described, `${method} ${path} answered ${status}, which the OpenAPI document does not list`).toBeTruthy()
  for (const name of Object.keys(described!.headers ?? {})) {
    expect(headers[name.toLowerCase()], `${method} ${path} ${status} carries the ${name} header`).toBeTruthy()
  }
  const schema = described!.content?.['application/json']?.schema
  if (!schema) return
  expect(headers['content-type'], `${method} ${path} ${status} is JSON`).toContain('application/json')
  let validator = validators.get(schema)
  if (!validator) validators.set(schema, (validator = z.fromJSONSchema(schema)))
  const result = validator.safeParse(body)
  expect(result.success, `${method} ${path} ${status} ${JSON.stringify(body)?.slice(0, 200)} does not match its schema: ${result.error?.message}`).toBe(true)
}
