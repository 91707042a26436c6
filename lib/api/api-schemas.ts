import { z } from 'zod'
import { ZValidateRequest } from '@/lib/validate'
import { described } from './api-docs'

// The bodies of the gateway API (/api/v1), as zod schemas: the routes type
// their answers with them and the OpenAPI document is generated from them
// (build-openapi-document.ts), so neither can drift from the other.

// The request schema validates requests in the route; here it only gets its descriptions.
described(ZValidateRequest, { description: 'Who is signing in, with what. Fields not listed are ignored.' })
described(ZValidateRequest.shape.username, { description: 'The account name the person typed, as the gateway received it.', examples: ['jdoe'] })
described(ZValidateRequest.shape.passcode, {
  description: "The person's PIN followed by the code their app shows (or a temporary passcode from the helpdesk), exactly as typed.",
  examples: ['4827739201'],
})
described(ZValidateRequest.shape.clientIp, {
  description: "The signing-in person's address as the gateway sees it, for the audit log. Anything but an IPv4 or IPv6 address is ignored.",
  examples: ['198.51.100.7'],
})
export { ZValidateRequest }

const ZMessage = described(z.string(), { description: 'What went wrong, in words for a person.' })
const apiError = <const Code extends string>(code: Code, description: string) =>
  described(z.strictObject({ error: described(z.literal(code), { description: 'What went wrong, for programs.' }), message: ZMessage }), { description })

export const ZBadRequest = apiError('bad_request', 'The body is not JSON, is over 8 KB, or does not have the fields and types above.')
export const ZUnauthorized = apiError('unauthorized', 'The Authorization header is missing, or its API key is unknown or revoked.')
export const ZRateLimited = apiError('rate_limited', 'Too many requests: wait the number of seconds in Retry-After.')
export const ZUnavailable = apiError(
  'unavailable',
  'The portal cannot decide right now (its database is unreachable or full, or it is over capacity): nothing was decided or used up. Retry after Retry-After seconds, or fail over to another portal instance.',
)
export type TApiError = z.infer<typeof ZBadRequest> | z.infer<typeof ZUnauthorized> | z.infer<typeof ZRateLimited> | z.infer<typeof ZUnavailable>

export const ZValidateAnswer = described(
  z.union([
    described(z.strictObject({ result: described(z.literal('accept'), { description: 'The passcode is right; its code is now used up.' }) }), {
      description: 'Let the person in.',
    }),
    described(
      z.strictObject({
        result: described(z.literal('accept'), { description: 'Let the person in.' }),
        mfa: described(z.literal('excluded'), { description: 'No second factor was checked: an MFA exclusion rule matched (README, "MFA exclusion rules"). The passcode was not looked at.' }),
        exclusionRuleId: described(z.string().min(1), { description: 'The id of the rule that matched, as listed in /admin/exclusions and by `portal exclusion list`.', examples: ['cmiexcl0001'] }),
      }),
      { description: 'Let the person in without a second factor, under an MFA exclusion rule for the user, one of their groups, this gateway or the client address.' },
    ),
    described(
      z.strictObject({
        result: described(z.literal('reject'), { description: 'Do not let the person in.' }),
        message: described(z.string(), { description: 'The same words for every kind of rejection, safe to show the person.', examples: ['Access denied'] }),
      }),
      { description: 'Keep the person out. The reason (wrong PIN or code, replayed code, locked, unknown user…) is only in the audit log.' },
    ),
  ]),
  { description: 'The decision.' },
)
export type TValidateAnswer = z.infer<typeof ZValidateAnswer>

export const ZHealthAnswer = described(
  z.strictObject({
    status: described(z.enum(['ok', 'unavailable']), { description: 'ok when the portal can answer validation requests.' }),
    database: described(z.enum(['ok', 'unreachable']), { description: 'Whether the database answered.' }),
    mail: described(z.enum(['ok', 'outbox', 'degraded']), {
      description: 'ok: mail goes out over SMTP_URL; degraded: the SMTP server refused or failed a delivery and messages wait for a retry; outbox: it stays in the local outbox (no SMTP_URL).',
    }),
  }),
  { description: 'Whether the portal can serve.' },
)
export type THealthAnswer = z.infer<typeof ZHealthAnswer>

export const ZCheckAnswer = described(
  z.strictObject({
    status: described(z.literal('ok'), { description: 'The URL reaches the portal and the API key is valid.' }),
    serverTime: described(z.iso.datetime(), {
      description: "The portal's clock (UTC). Compare it with the gateway's: codes change every 30 seconds, so clocks more than a few seconds apart reject good codes.",
      examples: ['2026-11-24T12:00:00.000Z'],
    }),
    version: described(z.string().min(1), { description: "The portal's version.", examples: ['0.1.0'] }),
  }),
  { description: "The portal's answer to a gateway's \"check connection\"." },
)
export type TCheckAnswer = z.infer<typeof ZCheckAnswer>
