import 'server-only'
import { AppError } from '@/lib/errors'
import { resolveInvitationLink, type EnrollmentToken, type ResolvedLink } from './resolve-invitation-link'

export type LiveLink = Required<Pick<ResolvedLink, 'invitation' | 'user' | 'activeTokens'>> & { state: 'valid'; token: EnrollmentToken | null; bound: boolean }

/** The link, if it may still be used now; otherwise an EXPIRED error (the link page explains which case). */
export async function requireLiveLink({ token, browser, now = new Date() }: { token: string; browser?: string | null; now?: Date }): Promise<LiveLink> {
  const link = await resolveInvitationLink({ token, browser, now })
  if (link.state !== 'valid' || !link.invitation || !link.user) {
    throw new AppError('EXPIRED', 'This enrollment link can no longer be used.')
  }
  return { state: 'valid', invitation: link.invitation, user: link.user, token: link.token ?? null, bound: link.bound ?? false, activeTokens: link.activeTokens ?? [] }
}

/** A link whose enrollment was started in this browser: the only one that may see the secret or finish it. */
export async function requireBoundLink({ token, browser, now = new Date() }: { token: string; browser: string | null | undefined; now?: Date }): Promise<LiveLink> {
  const link = await requireLiveLink({ token, browser, now })
  if (!link.token || link.token.status !== 'PENDING') throw new AppError('CONFLICT', 'Press Start to set up your token first.')
  if (!link.bound) throw new AppError('FORBIDDEN', 'This setup was started on another device or browser.')
  return link
}

/**
 * A self-requested link that would replace a working token needs proof of
 * possession first: whoever reads the user's mail must not be able to take
 * over their second factor. Links sent by staff or the CLI do not: the
 * person who sent them decided.
 */
export function needsProof(link: Pick<LiveLink, 'invitation' | 'activeTokens'>): boolean {
  return link.invitation.selfRequested && link.activeTokens.length > 0
}

export function userActor(user: { id: string; username: string }) {
  return { type: 'USER' as const, id: user.id, label: user.username }
}
