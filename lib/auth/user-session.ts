// Pure: what a signed-in user's session is, and its rules.

export type SessionKind = 'FULL' | 'LIMITED'

export type UserSession = {
  sessionId: string
  kind: SessionKind
  user: { id: string; username: string; email: string; displayName: string | null }
  /** A PIN is past its policy age: the portal asks for a new one before anything else. */
  mustChangePin: { tokenId: string; tokenName: string } | null
}

/** Whether a session is still alive: not ended, and used within the idle timeout. */
export function isSessionAlive({ endedAt, lastSeenAt, idleMinutes, now }: { endedAt: Date | null; lastSeenAt: Date; idleMinutes: number; now: Date }): boolean {
  return endedAt === null && now.getTime() - lastSeenAt.getTime() < Math.max(idleMinutes, 1) * 60_000
}
