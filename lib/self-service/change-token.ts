import 'server-only'
import type { TokenStatus } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { endUserSessions, type UserSession } from '@/lib/auth'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { ZTokenName } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { applyTokenStatus } from '@/lib/tokens'
import { resyncHotpToken, type ResyncResult } from '@/lib/validate'

export type TokenChange = { ok: true } | { ok: false; notFound: true } | { ok: false; error: string }

type Actor = { session: UserSession; context: AuditContext; now?: Date }

/** One of the signed-in user's tokens, in one of `statuses`; null for anyone else's (a 404, nothing changes). */
async function ownToken(session: UserSession, tokenId: string, statuses: TokenStatus[]) {
  return getDb().token.findFirst({ where: { id: tokenId, userId: session.user.id, status: { in: statuses } }, select: { id: true, name: true, serial: true, status: true, origin: true } })
}

const actorOf = (session: UserSession) => ({ type: 'USER' as const, id: session.user.id, label: session.user.username })

/** Rename one of your tokens (1–64 printable characters); audited and told by email. */
export async function renameToken({ session, tokenId, name, context, now = new Date() }: Actor & { tokenId: string; name: string }): Promise<TokenChange> {
  const token = await ownToken(session, tokenId, ['ACTIVE', 'DISABLED', 'LOST'])
  if (!token) return { ok: false, notFound: true }
  const parsed = ZTokenName.safeParse(name)
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message }
  const previous = token.name ?? token.serial
  if (parsed.data === previous) return { ok: true }
  const settings = await getSettings()
  await getDb().$transaction(async (tx) => {
    await tx.token.update({ where: { id: token.id }, data: { name: parsed.data } })
    await recordAuditEvent({ tx, action: 'token.renamed', actor: actorOf(session), context, subject: { type: 'token', id: token.id, label: token.serial }, details: { from: previous, to: parsed.data } })
    await queueEmail({ tx, actor: actorOf(session), to: session.user.email, template: 'token-changed', brand: brandFromSettings(settings), props: { name: session.user.displayName ?? session.user.username, at: now, change: 'renamed', tokenName: parsed.data, previousName: previous } })
  })
  return { ok: true }
}

/**
 * Resynchronise one of your counter-based tokens from two consecutive codes
 * (lib/validate/resync-hotp-token: a failure counts toward its lockout);
 * once it is back in step, the user is told by email.
 */
export async function resyncMyToken({ session, tokenId, first, second, context, now = new Date() }: Actor & { tokenId: string; first: string; second: string }): Promise<ResyncResult> {
  const result = await resyncHotpToken({ userId: session.user.id, tokenId, first, second, actor: actorOf(session), context, now })
  if (!result.ok) return result
  const [settings, token] = await Promise.all([getSettings(), getDb().token.findUnique({ where: { id: tokenId }, select: { name: true, serial: true } })])
  await getDb().$transaction((tx) =>
    queueEmail({ tx, actor: actorOf(session), to: session.user.email, template: 'token-changed', brand: brandFromSettings(settings), props: { name: session.user.displayName ?? session.user.username, at: now, change: 'resynced', tokenName: token?.name ?? token?.serial ?? '' } }),
  )
  return result
}

/**
 * Report a token lost or stolen: it stops working at once (status LOST),
 * every other session ends, the user is told by email, and the portal
 * offers a replacement. A LIMITED session may do this.
 */
export async function reportTokenLost({ session, tokenId, context, now = new Date() }: Actor & { tokenId: string }): Promise<TokenChange> {
  return changeStatus({ session, tokenId, context, now, from: ['ACTIVE', 'DISABLED'], to: 'LOST', action: 'token.reported-lost', email: 'lost' })
}

/** Remove a token for good, after its name was typed to confirm. */
export async function revokeToken({ session, tokenId, confirmName, context, now = new Date() }: Actor & { tokenId: string; confirmName: string }): Promise<TokenChange> {
  const token = await ownToken(session, tokenId, ['ACTIVE', 'DISABLED', 'LOST'])
  if (!token) return { ok: false, notFound: true }
  if (confirmName.trim() !== (token.name ?? token.serial)) return { ok: false, error: `Type the token’s name exactly as shown, “${token.name ?? token.serial}”, to confirm.` }
  return changeStatus({ session, tokenId, context, now, from: ['ACTIVE', 'DISABLED', 'LOST'], to: 'REVOKED', action: 'token.revoked', email: 'revoked' })
}

async function changeStatus({
  session,
  tokenId,
  context,
  now = new Date(),
  from,
  to,
  action,
  email,
}: Actor & { tokenId: string; from: TokenStatus[]; to: 'LOST' | 'REVOKED'; action: string; email: 'lost' | 'revoked' }): Promise<TokenChange> {
  const token = await ownToken(session, tokenId, from)
  if (!token) return { ok: false, notFound: true }
  const settings = await getSettings()
  const changed = await getDb().$transaction(async (tx) => {
    if (!(await applyTokenStatus({ tx, token, userId: session.user.id, from, to, now }))) return false
    // A token gone from the account: every other device signs in again.
    await endUserSessions({ userId: session.user.id, reason: action, except: session.sessionId, tx, now })
    await recordAuditEvent({ tx, action, actor: actorOf(session), context, subject: { type: 'token', id: token.id, label: token.serial }, details: { from: token.status } })
    await queueEmail({ tx, actor: actorOf(session), to: session.user.email, template: 'token-status-changed', brand: brandFromSettings(settings), props: { name: session.user.displayName ?? session.user.username, tokenName: token.name ?? token.serial, status: email, at: now } })
    return true
  })
  return changed ? { ok: true } : { ok: false, error: 'This token changed meanwhile. Reload the page.' }
}
