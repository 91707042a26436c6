import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Token } from '@/generated/prisma/client'
import { auditEventData, type AuditEventInput } from '@/lib/audit'
import { getDb } from '@/lib/db'

// The validation hot path in raw, parameterised SQL: on the driver-adapter
// engine a raw statement costs a fraction of a model query, and no
// interactive transaction is held open. Quoted identifiers and tagged
// parameters keep every statement valid on SQLite and PostgreSQL.

export type CandidateToken = Pick<
  Token,
  'id' | 'serial' | 'type' | 'algorithm' | 'digits' | 'period' | 'counter' | 'lastTimeStep' | 'failedAttempts' | 'lockedAt' | 'pinHash' | 'secretCiphertext' | 'secretKeyId'
>

export type UserWithTokens = { id: string; username: string; status: string; tokens: CandidateToken[] }

type Row = { userId: string; username: string; userStatus: string } & { [K in keyof CandidateToken]: CandidateToken[K] | null }

/** The user and up to `limit` of their active tokens, newest first, in one query. */
export async function findUserWithActiveTokens({ username, limit }: { username: string; limit: number }): Promise<UserWithTokens | null> {
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT u."id" AS "userId", u."username", u."status" AS "userStatus",
           t."id", t."serial", t."type", t."algorithm", t."digits", t."period", t."counter", t."lastTimeStep",
           t."failedAttempts", t."lockedAt", t."pinHash", t."secretCiphertext", t."secretKeyId"
    FROM "User" u
    LEFT JOIN "Token" t ON t."userId" = u."id" AND t."status" = 'ACTIVE'
    WHERE u."username" = ${username}
    ORDER BY t."activatedAt" DESC
    LIMIT ${limit}`
  const first = rows[0]
  if (!first) return null
  const tokens = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: r.id!,
      serial: r.serial!,
      type: r.type!,
      algorithm: r.algorithm!,
      digits: Number(r.digits),
      period: Number(r.period),
      counter: Number(r.counter),
      lastTimeStep: r.lastTimeStep === null ? null : Number(r.lastTimeStep),
      failedAttempts: Number(r.failedAttempts),
      lockedAt: r.lockedAt ? new Date(r.lockedAt) : null,
      pinHash: r.pinHash,
      secretCiphertext: r.secretCiphertext!,
      secretKeyId: r.secretKeyId!,
    }))
  return { id: first.userId, username: first.username, status: first.userStatus, tokens }
}

/**
 * Marks a code used, if and only if nothing changed since we read the token:
 * still active, same PIN, unlocked (or its lock ran out before `unlockedBefore`),
 * and — TOTP — a later step than the last accepted one, or — HOTP — the
 * counter we matched from. Of concurrent identical requests exactly one
 * updates a row. Resets the failure count and records last use.
 */
export async function markCodeUsed({
  token,
  match,
  unlockedBefore,
  now,
}: {
  token: CandidateToken
  match: { timeStep: number } | { nextCounter: number }
  unlockedBefore: Date | null
  now: Date
}): Promise<boolean> {
  const db = getDb()
  const lockFree = unlockedBefore ?? new Date(0)
  const count =
    'timeStep' in match
      ? await db.$executeRaw`
          UPDATE "Token" SET "lastTimeStep" = ${match.timeStep}, "failedAttempts" = 0, "lockedAt" = NULL, "lastUsedAt" = ${now}, "updatedAt" = ${now}
          WHERE "id" = ${token.id} AND "status" = 'ACTIVE' AND "pinHash" = ${token.pinHash}
            AND ("lockedAt" IS NULL OR "lockedAt" <= ${lockFree})
            AND ("lastTimeStep" IS NULL OR "lastTimeStep" < ${match.timeStep})`
      : await db.$executeRaw`
          UPDATE "Token" SET "counter" = ${match.nextCounter}, "failedAttempts" = 0, "lockedAt" = NULL, "lastUsedAt" = ${now}, "updatedAt" = ${now}
          WHERE "id" = ${token.id} AND "status" = 'ACTIVE' AND "pinHash" = ${token.pinHash}
            AND ("lockedAt" IS NULL OR "lockedAt" <= ${lockFree})
            AND "counter" = ${token.counter}`
  return count === 1
}

/** One audit event in one statement (the model API would cost several times more here). */
export async function insertAuditEvent(input: AuditEventInput & { at: Date }): Promise<void> {
  const e = auditEventData(input)
  await getDb().$executeRaw`
    INSERT INTO "AuditEvent" ("id", "at", "action", "actorType", "actorId", "actorLabel", "subjectType", "subjectId", "subjectLabel", "ip", "userAgent", "details")
    VALUES (${randomUUID()}, ${input.at}, ${e.action}, ${e.actorType}, ${e.actorId ?? null}, ${e.actorLabel ?? null}, ${e.subjectType ?? null}, ${e.subjectId ?? null},
            ${e.subjectLabel ?? null}, ${e.ip ?? null}, ${e.userAgent ?? null}, ${e.details ?? null})`
}
