import 'server-only'
import type { Prisma, TokenOrigin } from '@/generated/prisma/client'
import { auditEventData, type AuditActor } from '@/lib/audit'
import { endUserSessions } from '@/lib/auth/end-user-sessions'
import { getConfig } from '@/lib/config'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'
import { applyTokenStatus } from '@/lib/tokens'
import { decideDormant, dormantPolicyOf, lastActivityOf, warnCutoff, type DormantPolicy } from './dormancy'

/** Every change a run makes is in this actor's name. */
export const MAINTENANCE_ACTOR: AuditActor = { type: 'SYSTEM', label: 'maintenance' }

export type DormantStep = 'warn' | 'disable' | 'revoke'
export type DormantItem = {
  step: DormantStep
  tokenId: string
  serial: string
  tokenName: string
  origin: TokenOrigin
  userId: string
  username: string
  /** null: never used (lastActivity is then its activation). */
  lastUsedAt: Date | null
  lastActivity: Date
  /** warn: when the action will be due; disable/revoke: when it became due. */
  actionAt: Date
}
export type DormantReport = {
  dryRun: boolean
  /** null: the policy is off, nothing was looked at. */
  policy: DormantPolicy | null
  /** What was done (or, in a dry run, would be done). */
  counts: Record<DormantStep, number>
  /** Warned tokens still within their notice period. */
  waiting: number
  /** Tokens another run or a use changed between reading and writing: left alone this time. */
  skipped: number
  /** The first `listLimit` steps, in token id order. */
  items: DormantItem[]
  /** Steps beyond the list. */
  more: number
}

const SELECT = {
  id: true,
  serial: true,
  name: true,
  origin: true,
  lastUsedAt: true,
  activatedAt: true,
  statusChangedAt: true,
  dormantWarnedAt: true,
  user: { select: { id: true, username: true, email: true, displayName: true } },
} as const satisfies Prisma.TokenSelect
type Candidate = Prisma.TokenGetPayload<{ select: typeof SELECT }>

/**
 * Dormant tokens (issue #15): warns the owner of every active token unused
 * for the policy's period less its notice, then, once the notice has run,
 * disables or revokes the token ("delete" in the policy means revoke: a
 * software seed is destroyed, a hardware token goes back to the
 * inventory). Each step is one transaction: a conditional update on what
 * was read (status, last use, warning), the email through the outbox and
 * the audit event, so two servers running at once never double a step or
 * an email, and a token used meanwhile is left alone. Reads in keyset
 * batches, so a million tokens never sit in memory. `dryRun` reads only.
 */
export async function runDormantTokens({
  now = new Date(),
  dryRun = false,
  batch = 500,
  listLimit = 1000,
  onStep,
}: {
  now?: Date
  dryRun?: boolean
  batch?: number
  /** How many steps the report lists. */
  listLimit?: number
  /** Called with every step as it is done (or would be): the CLI prints them as they come, however many. */
  onStep?: (item: DormantItem) => void
} = {}): Promise<DormantReport> {
  const settings = await getSettings()
  const policy = dormantPolicyOf(settings)
  const report: DormantReport = { dryRun, policy, counts: { warn: 0, disable: 0, revoke: 0 }, waiting: 0, skipped: 0, items: [], more: 0 }
  if (!policy) return report
  const brand = brandFromSettings(settings)
  const cutoff = warnCutoff(policy, now)
  const db = getDb()
  let cursor: string | undefined
  for (;;) {
    const candidates: Candidate[] = await db.token.findMany({
      where: {
        status: 'ACTIVE',
        statusChangedAt: { lte: cutoff },
        AND: [{ OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: cutoff } }] }, { OR: [{ activatedAt: null }, { activatedAt: { lte: cutoff } }] }],
        userId: { not: null },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: SELECT,
      orderBy: { id: 'asc' },
      take: batch,
    })
    for (const token of candidates) {
      const decision = decideDormant({ policy, token, warnedAt: token.dormantWarnedAt, now })
      if (decision.step === 'wait') report.waiting++
      if (decision.step !== 'warn' && decision.step !== 'act') continue
      const step: DormantStep = decision.step === 'warn' ? 'warn' : policy.action === 'DELETE' ? 'revoke' : 'disable'
      const done = dryRun || (await applyStep({ step, token, policy, actionAt: decision.actionAt, brand, now }))
      if (!done) {
        report.skipped++
        continue
      }
      report.counts[step]++
      const item = itemOf(step, token, decision.actionAt)
      onStep?.(item)
      if (report.items.length < listLimit) report.items.push(item)
      else report.more++
    }
    if (candidates.length < batch) break
    cursor = candidates[candidates.length - 1]!.id
  }
  return report
}

function itemOf(step: DormantStep, token: Candidate, actionAt: Date): DormantItem {
  return {
    step,
    tokenId: token.id,
    serial: token.serial,
    tokenName: token.name ?? token.serial,
    origin: token.origin,
    userId: token.user!.id,
    username: token.user!.username,
    lastUsedAt: token.lastUsedAt,
    lastActivity: lastActivityOf(token),
    actionAt,
  }
}

async function applyStep({
  step,
  token,
  policy,
  actionAt,
  brand,
  now,
}: {
  step: DormantStep
  token: Candidate
  policy: DormantPolicy
  actionAt: Date
  brand: ReturnType<typeof brandFromSettings>
  now: Date
}): Promise<boolean> {
  const user = token.user!
  const name = user.displayName ?? user.username
  const tokenName = token.name ?? token.serial
  const subject = { type: 'token', id: token.id, label: token.serial }
  // Only if nothing changed since the read: not used, not re-activated, not warned or acted on by another run.
  const unchanged = { id: token.id, userId: user.id, status: 'ACTIVE' as const, lastUsedAt: token.lastUsedAt, activatedAt: token.activatedAt, statusChangedAt: token.statusChangedAt, dormantWarnedAt: token.dormantWarnedAt }
  const details = { user: user.username, lastUsedAt: token.lastUsedAt?.toISOString() ?? null, lastActivity: lastActivityOf(token).toISOString(), dormantAfterDays: policy.afterDays }
  return getDb().$transaction(async (tx) => {
    if (step === 'warn') {
      const { count } = await tx.token.updateMany({ where: unchanged, data: { dormantWarnedAt: now } })
      if (count !== 1) return false
      const props = { name, tokenName, lastUsedAt: token.lastUsedAt, since: lastActivityOf(token), actionAt, action: policy.action === 'DELETE' ? ('revoke' as const) : ('disable' as const), portalUrl: `${getConfig().appUrl}/tokens` }
      await queueEmail({ tx, actor: MAINTENANCE_ACTOR, to: user.email, template: 'token-dormant-warning', brand, props })
      await tx.auditEvent.create({ data: auditEventData({ action: 'maintenance.dormant-warned', actor: MAINTENANCE_ACTOR, subject, details: { ...details, actionAt: actionAt.toISOString(), action: props.action } }) })
      return true
    }
    // The claim: clears the warning (a token enabled again later starts afresh), and only one run wins it.
    const { count } = await tx.token.updateMany({ where: unchanged, data: { dormantWarnedAt: null } })
    if (count !== 1) return false
    const to = step === 'revoke' ? 'REVOKED' : 'DISABLED'
    if (!(await applyTokenStatus({ tx, token, userId: user.id, from: ['ACTIVE'], to, now }))) return false
    // As when the helpdesk revokes a token: the owner's portal sessions end with it.
    if (step === 'revoke') await endUserSessions({ userId: user.id, reason: 'maintenance.token-revoked', tx, now })
    await queueEmail({ tx, actor: MAINTENANCE_ACTOR, to: user.email, template: 'token-dormant-action', brand, props: { name, tokenName, lastUsedAt: token.lastUsedAt, action: step === 'revoke' ? 'revoked' : 'disabled', at: now } })
    await tx.auditEvent.create({
      data: auditEventData({ action: step === 'revoke' ? 'maintenance.token-revoked' : 'maintenance.token-disabled', actor: MAINTENANCE_ACTOR, subject, details: { ...details, origin: token.origin, warnedAt: token.dormantWarnedAt?.toISOString() ?? null } }),
    })
    return true
  })
}
