import 'server-only'
import { AppError } from '@/lib/errors'
import { resolveInvitationLink, type EnrollmentToken, type ResolvedLink } from './resolve-invitation-link'

export type LiveLink = Required<Pick<ResolvedLink, 'invitation' | 'user'>> & { state: 'valid'; token: EnrollmentToken | null }

/** The link, if it may still be used now; otherwise an EXPIRED error (the link page explains which case). */
export async function requireLiveLink({ token, now = new Date() }: { token: string; now?: Date }): Promise<LiveLink> {
  const link = await resolveInvitationLink({ token, now })
  if (link.state !== 'valid' || !link.invitation || !link.user) {
    throw new AppError('EXPIRED', 'This enrollment link can no longer be used.')
  }
  return { state: 'valid', invitation: link.invitation, user: link.user, token: link.token ?? null }
}

export function userActor(user: { id: string; username: string }) {
  return { type: 'USER' as const, id: user.id, label: user.username }
}
