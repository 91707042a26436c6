import { z } from 'zod'
import { apiDocs } from './api-docs'
import { API_OPERATIONS, type ApiOperation, type ApiResponseSpec } from './api-operations'
import { APP_VERSION } from './app-version'

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>
export type JsonSchema = Record<string, unknown>

/**
 * A schema as JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), with the
 * descriptions from the API docs registry. Requests are described as the
 * route accepts them (input), answers as the route produces them (output).
 */
export function toApiJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { metadata: apiDocs, io, unrepresentable: 'throw' }) as JsonSchema
  // The document's dialect (OpenAPI 3.1: draft 2020-12) applies; no need to repeat it per schema.
  delete json.$schema
  return json
}

function responseObject(spec: ApiResponseSpec) {
  return {
    description: spec.description,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.schema ? { content: { 'application/json': { schema: toApiJsonSchema(spec.schema, 'output') } } } : {}),
  }
}

function operationObject(op: ApiOperation) {
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    security: op.authenticated ? [{ apiKey: [] }] : [],
    ...(op.requestBody
      ? { requestBody: { required: true, description: op.requestBody.description, content: { 'application/json': { schema: toApiJsonSchema(op.requestBody.schema, 'input') } } } }
      : {}),
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, spec]) => [status, responseObject(spec)])),
  }
}

/** The gateway API (/api/v1) as an OpenAPI 3.1 document, built from the same zod schemas the routes use. */
export function buildOpenApiDocument({ serverUrl }: { serverUrl: string }) {
  const paths: Record<string, Record<string, ReturnType<typeof operationObject>>> = {}
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op)
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Token Portal gateway API',
      version: APP_VERSION,
      description:
        'For VPN, RADIUS and remote-desktop gateways: decide sign-ins (PIN + one-time code), check the connection and the clock, and watch health. Create an API key with `portal apikey create --name <gateway>`.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `portal apikey create` (tp_ and 43 more characters), sent as `Authorization: Bearer <key>`.' },
      },
    },
    paths,
  }
}
