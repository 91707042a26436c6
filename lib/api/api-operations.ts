import { z } from 'zod'
import { described } from './api-docs'
import { ZBadRequest, ZCheckAnswer, ZHealthAnswer, ZRateLimited, ZUnauthorized, ZUnavailable, ZValidateAnswer, ZValidateRequest } from './api-schemas'

// Every route under app/api/v1, as the OpenAPI document describes it. A
// route file without an entry here fails test/api-routes-described.test.ts.

type HeaderSpec = { description: string; schema: { type: 'string' | 'integer'; minimum?: number } }
export type ApiResponseSpec = { description: string; schema?: z.ZodType; headers?: Record<string, HeaderSpec> }
export type ApiOperation = {
  method: 'get' | 'post'
  path: `/api/v1/${string}`
  operationId: string
  summary: string
  description: string
  /** Needs `Authorization: Bearer <API key>`. */
  authenticated: boolean
  requestBody?: { description: string; schema: z.ZodType }
  responses: Record<string, ApiResponseSpec>
}

const UNAUTHORIZED: ApiResponseSpec = {
  description: "No valid API key: missing, unknown or revoked, or used from a client address outside the key's allowed addresses. The body is the same on every route and for every reason.",
  schema: ZUnauthorized,
  headers: { 'WWW-Authenticate': { description: 'Always `Bearer`.', schema: { type: 'string' } } },
}
const RATE_LIMITED: ApiResponseSpec = {
  description: 'Too many requests.',
  schema: ZRateLimited,
  headers: { 'Retry-After': { description: 'Seconds to wait before the next request can succeed.', schema: { type: 'integer', minimum: 1 } } },
}
const UNAVAILABLE: ApiResponseSpec = {
  description: 'The database is unreachable or full, or the portal is over capacity: nothing was decided or used up.',
  schema: ZUnavailable,
  headers: { 'Retry-After': { description: 'Seconds to wait before trying this portal again.', schema: { type: 'integer', minimum: 1 } } },
}
const SERVER_ERROR: ApiResponseSpec = {
  description: 'The portal failed (for instance, its database is unreachable). No body to rely on: retry, or fail over to another portal instance.',
}

/** What GET /api/v1/openapi.json answers: the parts a client needs to find its way; the rest is OpenAPI 3.1. */
export const ZOpenApiDocument = described(
  z.looseObject({
    openapi: described(z.literal('3.1.0'), { description: 'The OpenAPI version this document follows.' }),
    info: described(
      z.looseObject({
        title: described(z.string(), { description: 'The name of this API.' }),
        version: described(z.string(), { description: "The portal's version." }),
      }),
      { description: 'What this API is.' },
    ),
    paths: described(z.record(z.string(), z.looseObject({})), { description: 'Every route, by path, then by HTTP method.' }),
  }),
  { description: 'An OpenAPI 3.1 document.' },
)

export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/validate',
    operationId: 'validate',
    summary: 'Decide a sign-in',
    description:
      'Whether a username and passcode (PIN followed by the current code, or a temporary passcode) may sign in. An accepted code is used up at once: the same passcode is rejected the second time. Every rejection has the same body whatever the reason; the reason is in the audit log. A request matching an enabled MFA exclusion rule is accepted for an existing, active user whatever the passcode, with `"mfa": "excluded"` and the id of the rule. Counted per username (60 a minute) and per API key (120,000 a minute).',
    authenticated: true,
    requestBody: { description: 'JSON, at most 8 KB.', schema: ZValidateRequest },
    responses: {
      '200': { description: 'A decision.', schema: ZValidateAnswer },
      '400': { description: 'Not a request this route can take.', schema: ZBadRequest },
      '401': UNAUTHORIZED,
      '429': RATE_LIMITED,
      '503': UNAVAILABLE,
      '5XX': SERVER_ERROR,
    },
  },
  {
    method: 'get',
    path: '/api/v1/check',
    operationId: 'checkConnection',
    summary: 'Check connection',
    description:
      "A gateway's \"check connection\": proves that the URL reaches the portal and that the API key is valid, and tells the portal's time and version. Compare serverTime with the gateway's clock: TOTP codes follow the clock. Counted per API key like validation (120,000 a minute), on a counter of its own.",
    authenticated: true,
    responses: { '200': { description: 'Connected, and the key is valid.', schema: ZCheckAnswer }, '401': UNAUTHORIZED, '429': RATE_LIMITED, '503': UNAVAILABLE, '5XX': SERVER_ERROR },
  },
  {
    method: 'get',
    path: '/api/v1/health',
    operationId: 'health',
    summary: 'Health',
    description: 'Whether the portal can serve: for load balancers and monitoring. Needs no key and says nothing about any key.',
    authenticated: false,
    responses: {
      '200': { description: 'The database answers.', schema: ZHealthAnswer },
      '503': { description: 'The database does not answer: send traffic elsewhere.', schema: ZHealthAnswer },
    },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This description',
    description: 'This API as an OpenAPI 3.1 document, generated from the schemas that check requests. Needs no key. A readable form is at /api/docs.',
    authenticated: false,
    responses: { '200': { description: 'The document.', schema: ZOpenApiDocument } },
  },
]
