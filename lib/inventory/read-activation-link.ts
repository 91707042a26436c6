import 'server-only'
import { resolveInvitationLink, type LinkState } from '@/lib/enrollment'

export type ActivationLink =
  | {
      state: 'valid'
      invitation: { id: string; expiresAt: Date; failedVerifications: number }
      user: { id: string; username: string; displayName: string | null; email: string }
      token: { id: string; serial: string; type: 'TOTP' | 'HOTP'; digits: number }
    }
  | { state: Exclude<LinkState, 'valid'> | 'done'; serial?: string }

/**
 * What an activation link (assign-hardware-token.ts) refers to, judged now.
 * It is an enrollment invitation whose token is a hardware token ASSIGNED
 * to the invitation's user; anything else (a software enrollment link, a
 * token returned to inventory meanwhile) is "unknown" here.
 */
export async function readActivationLink({ token, now = new Date() }: { token: string; now?: Date }): Promise<ActivationLink> {
  const link = await resolveInvitationLink({ token, now })
  const t = link.token
  if (link.state === 'used' && t?.status === 'ACTIVE') return { state: 'done', serial: t.serial }
  if (!link.invitation || !link.user || !t || (t.status !== 'ASSIGNED' && link.state === 'valid')) return { state: 'unknown' }
  if (link.state !== 'valid') return { state: link.state, serial: t.serial }
  return {
    state: 'valid',
    invitation: { id: link.invitation.id, expiresAt: link.invitation.expiresAt, failedVerifications: link.invitation.failedVerifications },
    user: link.user,
    token: { id: t.id, serial: t.serial, type: t.type, digits: t.digits },
  }
}
