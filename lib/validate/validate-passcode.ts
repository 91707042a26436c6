import 'server-only'
import type { AuditContext } from '@/lib/audit'
import type { ApiClientIdentity } from '@/lib/api-clients'
import { AppError } from '@/lib/errors'
import { findExclusion } from '@/lib/exclusions'
import { consumeRateLimits } from '@/lib/rate-limit'
import { getSettings } from '@/lib/settings'
import { normalizeUsername, ZUsername } from '@/lib/users'
import { checkPasscode, maskUsername } from './check-passcode'
import { isWellFormedPasscode } from './parse-validate-request'
import { insertAuditEvent } from './validation-queries'

export type ValidationResult = {
  result: 'accept' | 'reject'
  reason: string
  serial?: string
  /** Accepted under this MFA exclusion rule, without checking the passcode. */
  exclusionRuleId?: string
}

export const VALIDATE_LIMITS = {
  // A runaway or compromised gateway, not normal load (the benchmark sends ~1,000/s).
  client: { limit: 120_000, windowSeconds: 60 },
  // People sign in a few times a minute; RADIUS retransmits a little.
  username: { limit: 60, windowSeconds: 60 },
} as const

/** Counts this request per client (and per username when given), in one statement. */
async function limit({ clientId, username, now }: { clientId: string; username?: string; now: Date }) {
  const results = await consumeRateLimits({
    limits: [
      { key: `validate:client:${clientId}`, ...VALIDATE_LIMITS.client },
      ...(username === undefined ? [] : [{ key: `validate:username:${username}`, ...VALIDATE_LIMITS.username }]),
    ],
    now,
  })
  const refused = results.find((r) => !r.allowed)
  if (refused) throw new AppError('RATE_LIMITED', 'Too many requests', { retryAfterSeconds: refused.retryAfterSeconds })
}

/**
 * POST /api/v1/validate for one gateway request: rate limits per API client
 * and per username, then the shared check (lib/validate/check-passcode),
 * temporary passcodes included. The caller sees only accept or reject; the
 * reason goes to the audit log. An enabled MFA exclusion rule that matches
 * an existing, active user accepts whatever the passcode, before any token
 * work (lib/exclusions, docs/decisions/013).
 */
export async function validatePasscode({
  username: rawUsername,
  passcode,
  client,
  context,
  now = new Date(),
}: {
  username: string
  passcode: string
  client: ApiClientIdentity
  context: AuditContext
  now?: Date
}): Promise<ValidationResult> {
  const parsedUsername = ZUsername.safeParse(rawUsername)
  const actor = { type: 'API_CLIENT' as const, id: client.id, label: client.name }

  if (parsedUsername.success) {
    const exclusion = await findExclusion({ username: parsedUsername.data, clientName: client.name, address: context.ip, now })
    if (exclusion) {
      // Counted like any sign-in: an exclusion skips the second factor, not the limits.
      await limit({ clientId: client.id, username: parsedUsername.data, now })
      const { rule, user } = exclusion
      await insertAuditEvent({
        at: now,
        action: 'validate.excluded',
        actor,
        context,
        subject: { type: 'user', id: user.id, label: user.username },
        details: { reason: 'excluded', ruleId: rule.id, ruleKind: rule.kind, ruleValue: rule.value, client: client.name },
      })
      return { result: 'accept', reason: 'excluded', exclusionRuleId: rule.id }
    }
  }

  if (!parsedUsername.success || !isWellFormedPasscode(passcode)) {
    const malformed = !parsedUsername.success ? 'malformed-username' : 'malformed-passcode'
    await limit({ clientId: client.id, now })
    // A username no account can have; a passcode too long, with spaces, Unicode
    // digits or control characters: no lookup, no hashing.
    const label = maskUsername(normalizeUsername(rawUsername).slice(0, 254))
    await insertAuditEvent({ at: now, action: 'validate.rejected', actor, context, subject: { type: 'user', label }, details: { reason: malformed, client: client.name } })
    return { result: 'reject', reason: malformed }
  }
  await limit({ clientId: client.id, username: parsedUsername.data, now })

  const settings = await getSettings()
  const checked = await checkPasscode({
    username: parsedUsername.data,
    passcode,
    actor,
    context,
    audit: { accepted: 'validate.accepted', rejected: 'validate.rejected', details: { client: client.name } },
    allowTemporary: true,
    allowRecoveryCode: settings.recoveryCodesAtValidation,
    enforcePinExpiry: settings.rejectExpiredPin,
    now,
  })
  return { result: checked.result, reason: checked.reason, serial: checked.serial }
}
