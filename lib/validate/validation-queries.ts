import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Token } from '@/generated/prisma/client'
import { auditEventData, type AuditEventInput } from '@/lib/audit'
import { getHotSql, sql } from '@/lib/db'

// The validation API's statements, on the hot-path connection
// (lib/db/hot-sql): one statement per step, each atomic on its own, no
// transaction held open. Quoted identifiers and parameters keep every
// statement valid on SQLite and PostgreSQL. See docs/decisions/005.

export type CandidateToken = Pick<
  Token,
  | 'id'
  | 'name'
  | 'serial'
  | 'type'
  | 'algorithm'
  | 'digits'
  | 'period'
  | 'counter'
  | 'lastTimeStep'
  | 'failedAttempts'
  | 'lockedAt'
  | 'lockedUntil'
  | 'lockCount'
  | 'pinHash'
  | 'pinSetAt'
  | 'secretCiphertext'
  | 'secretKeyId'
>

export type UserWithTokens = { id: string; username: string; email: string; displayName: string | null; status: string; tokens: CandidateToken[] }

type Row = { userId: string; username: string; email: string; displayName: string | null; userStatus: string } & { [K in keyof CandidateToken]: CandidateToken[K] | null }

const dateOrNull = (value: Date | string | null) => (value ? new Date(value) : null)

/** A lock not (or no longer) in force: none, or one whose time has come. Staff-only locks have no time. */
const lockNotInForce = (now: Date) => sql`("lockedAt" IS NULL OR ("lockedUntil" IS NOT NULL AND "lockedUntil" <= ${now}))`

function toCandidate(r: Row): CandidateToken {
  return {
    id: r.id!,
    name: r.name,
    serial: r.serial!,
    type: r.type!,
    algorithm: r.algorithm!,
    digits: Number(r.digits),
    period: Number(r.period),
    counter: Number(r.counter),
    lastTimeStep: r.lastTimeStep === null ? null : Number(r.lastTimeStep),
    failedAttempts: Number(r.failedAttempts),
    lockedAt: dateOrNull(r.lockedAt),
    lockedUntil: dateOrNull(r.lockedUntil),
    lockCount: Number(r.lockCount),
    pinHash: r.pinHash,
    pinSetAt: dateOrNull(r.pinSetAt),
    secretCiphertext: r.secretCiphertext!,
    secretKeyId: r.secretKeyId!,
    }
}

/** The user and up to `limit` of their active tokens, newest first, in one query. */
export async function findUserWithActiveTokens({ username, limit }: { username: string; limit: number }): Promise<UserWithTokens | null> {
  const rows = await getHotSql().query<Row>(sql`
    SELECT u."id" AS "userId", u."username", u."email", u."displayName", u."status" AS "userStatus",
           t."id", t."name", t."serial", t."type", t."algorithm", t."digits", t."period", t."counter", t."lastTimeStep",
           t."failedAttempts", t."lockedAt", t."lockedUntil", t."lockCount", t."pinHash", t."pinSetAt", t."secretCiphertext", t."secretKeyId"
    FROM "User" u
    LEFT JOIN "Token" t ON t."userId" = u."id" AND t."status" = 'ACTIVE'
    WHERE u."username" = ${username}
    ORDER BY t."activatedAt" DESC
    LIMIT ${limit}`)
  const first = rows[0]
  if (!first) return null
  const tokens = rows.filter((r) => r.id !== null).map(toCandidate)
  return { id: first.userId, username: first.username, email: first.email, displayName: first.displayName, status: first.userStatus, tokens }
}

/** One of a user's active tokens, and the user, for a check of its code alone (changing or resetting a PIN). */
export async function findUserToken({ userId, tokenId }: { userId: string; tokenId: string }): Promise<{ user: UserWithTokens; token: CandidateToken } | null> {
  const [r] = await getHotSql().query<Row>(sql`
    SELECT u."id" AS "userId", u."username", u."email", u."displayName", u."status" AS "userStatus",
           t."id", t."name", t."serial", t."type", t."algorithm", t."digits", t."period", t."counter", t."lastTimeStep",
           t."failedAttempts", t."lockedAt", t."lockedUntil", t."lockCount", t."pinHash", t."pinSetAt", t."secretCiphertext", t."secretKeyId"
    FROM "Token" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."id" = ${tokenId} AND t."userId" = ${userId} AND t."status" = 'ACTIVE' AND u."status" = 'ACTIVE'`)
  if (!r) return null
  const token = toCandidate(r)
  return { user: { id: r.userId, username: r.username, email: r.email, displayName: r.displayName, status: r.userStatus, tokens: [token] }, token }
}

/**
 * Marks a code used, if and only if nothing changed since we read the token:
 * still active, same PIN, no lock in force, and — TOTP — a later step than
 * the last accepted one, or — HOTP — the counter we matched from. Of
 * concurrent identical requests exactly one updates a row. A success resets
 * the failure count and the lock history, and records last use.
 */
export async function markCodeUsed({
  token,
  match,
  now,
  spendOnly = false,
}: {
  token: CandidateToken
  match: { timeStep: number } | { nextCounter: number }
  now: Date
  /**
   * The helpdesk's caller check: the code is used up, whatever the lock, and
   * nothing else changes (no sign-in happened: the lock, the failure count and
   * the last use stay as they are).
   */
  spendOnly?: boolean
}): Promise<boolean> {
  // TOTP: a later step than the last accepted one. HOTP: the counter we matched from.
  const [advance, unused] =
    'timeStep' in match
      ? [sql`"lastTimeStep" = ${match.timeStep}`, sql`("lastTimeStep" IS NULL OR "lastTimeStep" < ${match.timeStep})`]
      : [sql`"counter" = ${match.nextCounter}`, sql`"counter" = ${token.counter}`]
  if (spendOnly) {
    return (await getHotSql().execute(sql`UPDATE "Token" SET ${advance}, "updatedAt" = ${now} WHERE "id" = ${token.id} AND "status" = 'ACTIVE' AND ${unused}`)) === 1
  }
  const count = await getHotSql().execute(sql`
    UPDATE "Token" SET ${advance}, "failedAttempts" = 0, "lockedAt" = NULL, "lockedUntil" = NULL, "lockCount" = 0, "lastUsedAt" = ${now}, "updatedAt" = ${now}
    WHERE "id" = ${token.id} AND "status" = 'ACTIVE' AND "pinHash" IS NOT DISTINCT FROM ${token.pinHash} AND ${lockNotInForce(now)} AND ${unused}`)
  return count === 1
}

/**
 * Counts one wrong passcode against a token whose lock is not in force (none,
 * or one whose time has come): a lifted lock starts a fresh count, and the
 * lock history stays, so the next lock lasts longer. Returns the count, or
 * null when the token was locked (or left the active state) meanwhile, or
 * does not exist (the decoy of an unknown user), and nothing was counted.
 */
export async function countFailure({ tokenId, now }: { tokenId: string; now: Date }): Promise<number | null> {
  const [row] = await getHotSql().query<{ failedAttempts: number | bigint }>(sql`
    UPDATE "Token" SET "failedAttempts" = CASE WHEN "lockedAt" IS NULL THEN "failedAttempts" + 1 ELSE 1 END, "lockedAt" = NULL, "lockedUntil" = NULL, "updatedAt" = ${now}
    WHERE "id" = ${tokenId} AND "status" = 'ACTIVE' AND ${lockNotInForce(now)}
    RETURNING "failedAttempts"`)
  return row ? Number(row.failedAttempts) : null
}

/** Locks a token until `until` (null: until staff unlock it) unless it is locked already; true when this call locked it. */
export async function lockToken({ tokenId, until, now }: { tokenId: string; until: Date | null; now: Date }): Promise<boolean> {
  return (
    (await getHotSql().execute(sql`
      UPDATE "Token" SET "lockedAt" = ${now}, "lockedUntil" = ${until}, "lockCount" = "lockCount" + 1, "updatedAt" = ${now}
      WHERE "id" = ${tokenId} AND "lockedAt" IS NULL`)) === 1
  )
}

export type LiveTemporaryPasscode = { id: string; codeHash: string; singleUse: boolean; failedAttempts: number }

/** The user's newest unexpired, unrevoked temporary passcodes (staff issue one at a time; a few for safety). */
export async function findLiveTemporaryPasscodes({ userId, now }: { userId: string; now: Date }): Promise<LiveTemporaryPasscode[]> {
  const rows = await getHotSql().query<{ id: string; codeHash: string; singleUse: number | boolean; failedAttempts: number | bigint }>(sql`
    SELECT "id", "codeHash", "singleUse", "failedAttempts" FROM "TemporaryPasscode"
    WHERE "userId" = ${userId} AND "revokedAt" IS NULL AND "expiresAt" > ${now}
    ORDER BY "createdAt" DESC LIMIT 3`)
  return rows.map((r) => ({ id: r.id, codeHash: r.codeHash, singleUse: Boolean(r.singleUse), failedAttempts: Number(r.failedAttempts) }))
}

/** Uses a temporary passcode if it is still live (and, single-use, unused); true when this call used it. */
export async function spendTemporaryPasscode({ passcode, now }: { passcode: LiveTemporaryPasscode; now: Date }): Promise<boolean> {
  const count = await getHotSql().execute(sql`
    UPDATE "TemporaryPasscode" SET "useCount" = "useCount" + 1, "lastUsedAt" = ${now}
    WHERE "id" = ${passcode.id} AND "revokedAt" IS NULL AND "expiresAt" > ${now} ${passcode.singleUse ? sql`AND "useCount" = 0` : sql``}`)
  return count === 1
}

/**
 * Counts a wrong passcode against the user's live temporary passcodes and
 * revokes those that reached `threshold`. Returns how many were revoked.
 */
export async function countTemporaryPasscodeFailure({ userId, threshold, now }: { userId: string; threshold: number; now: Date }): Promise<number> {
  const hot = getHotSql()
  await hot.execute(sql`
    UPDATE "TemporaryPasscode" SET "failedAttempts" = "failedAttempts" + 1
    WHERE "userId" = ${userId} AND "revokedAt" IS NULL AND "expiresAt" > ${now}`)
  return hot.execute(sql`
    UPDATE "TemporaryPasscode" SET "revokedAt" = ${now}
    WHERE "userId" = ${userId} AND "revokedAt" IS NULL AND "failedAttempts" >= ${threshold}`)
}

/** One audit event in one statement. */
export async function insertAuditEvent(input: AuditEventInput & { at: Date }): Promise<void> {
  const e = auditEventData(input)
  await getHotSql().execute(sql`
    INSERT INTO "AuditEvent" ("id", "at", "action", "actorType", "actorId", "actorLabel", "subjectType", "subjectId", "subjectLabel", "ip", "userAgent", "details")
    VALUES (${randomUUID()}, ${input.at}, ${e.action}, ${e.actorType}, ${e.actorId ?? null}, ${e.actorLabel ?? null}, ${e.subjectType ?? null}, ${e.subjectId ?? null},
            ${e.subjectLabel ?? null}, ${e.ip ?? null}, ${e.userAgent ?? null}, ${e.details ?? null})`)
}
