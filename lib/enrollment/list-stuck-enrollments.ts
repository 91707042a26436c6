import 'server-only'
import { z } from 'zod'
import { FUNNEL_STEPS, INVITATION_STAGE, type FunnelStep } from '@/lib/dashboard'
import { getDb, getHotSql, sql, type Sql } from '@/lib/db'

/** The steps someone can be stuck at: every funnel step but the last. */
export const STUCK_STEPS = FUNNEL_STEPS.filter((s) => s !== 'enrolled') as Exclude<FunnelStep, 'enrolled'>[]
export type StuckStep = (typeof STUCK_STEPS)[number]
export const STUCK_AGE_DAYS = [1, 2, 5, 7, 14, 30] as const
export const STUCK_PAGE_SIZE = 50
const DAY_MS = 86_400_000

/** The page's filters, from its query string; anything unknown is "all". */
export const ZStuckFilters = z.object({
  step: z.enum(STUCK_STEPS as [StuckStep, ...StuckStep[]]).optional().catch(undefined),
  days: z.coerce
    .number()
    .refine((d) => (STUCK_AGE_DAYS as readonly number[]).includes(d))
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})
export type TStuckFilters = { step?: StuckStep; days?: number; page?: number }

export type StuckLink = 'live' | 'expired' | 'locked' | 'revoked'
export type StuckRow = { userId: string; username: string; name: string | null; email: string; step: StuckStep; invitedAt: Date; expiresAt: Date; link: StuckLink; reminders: number }

/**
 * People who were invited and have not finished enrolling, each once at the
 * furthest step any of their invitations reached (the dashboard's funnel
 * definition, INVITATION_STAGE), with the newest invitation's date. Only
 * active users without an active token: someone who got a token another way
 * is not stuck. Filters: one step, invited at least `days` ago.
 */
function stuckQuery({ step, days, userIds, now }: { step?: StuckStep; days?: number; userIds?: string[]; now: Date }): Sql {
  const conditions: Sql[] = [sql`p."stage" < 4`]
  if (step) conditions.push(sql`p."stage" = ${STUCK_STEPS.indexOf(step)}`)
  if (days) conditions.push(sql`p."invitedAt" <= ${new Date(now.getTime() - days * DAY_MS)}`)
  const ids = userIds ? sql` AND u."id" IN (${userIds.length ? joinValues(userIds) : sql`NULL`})` : sql``
  return sql`
    SELECT p."userId", p."stage" FROM (
      SELECT i."userId", max(${INVITATION_STAGE}) AS "stage", max(i."createdAt") AS "invitedAt"
      FROM "EnrollmentInvitation" i JOIN "User" u ON u."id" = i."userId"
      WHERE u."status" = 'ACTIVE'${ids}
        AND NOT EXISTS (SELECT 1 FROM "Token" a WHERE a."userId" = u."id" AND a."status" = 'ACTIVE')
      GROUP BY i."userId"
    ) AS p
    WHERE ${conditions.reduce((a, b) => sql`${a} AND ${b}`)}`
}
const joinValues = (values: string[]): Sql => values.map((v) => sql`${v}`).reduce((a, b) => sql`${a}, ${b}`)

/** One page of stuck people, oldest invitation first, and how many match in all. */
export async function listStuckEnrollments({ step, days, page = 1, now = new Date() }: TStuckFilters & { now?: Date }): Promise<{ rows: StuckRow[]; total: number; page: number; pages: number }> {
  const hot = getHotSql()
  const base = stuckQuery({ step, days, now })
  const [{ n }] = (await hot.query<{ n: number | bigint }>(sql`SELECT count(*) AS "n" FROM (${base}) AS s`)) as [{ n: number | bigint }]
  const total = Number(n)
  const pages = Math.max(1, Math.ceil(total / STUCK_PAGE_SIZE))
  const current = Math.min(page, pages)
  const found = await hot.query<{ userId: string; stage: number | bigint }>(
    sql`SELECT s."userId", s."stage" FROM (${base}) AS s JOIN "User" u ON u."id" = s."userId" ORDER BY u."username" LIMIT ${STUCK_PAGE_SIZE} OFFSET ${(current - 1) * STUCK_PAGE_SIZE}`,
  )
  return { rows: await describeStuck(found, now), total, page: current, pages }
}

/** The ids of everyone stuck now among `userIds`, or at `step` (and invited at least `days` ago). */
export async function findStuckUsers({ userIds, step, days, now = new Date() }: { userIds?: string[]; step?: StuckStep; days?: number; now?: Date }): Promise<{ id: string; username: string }[]> {
  const found = await getHotSql().query<{ userId: string }>(stuckQuery({ userIds, step, days, now }))
  const ids = found.map((r) => r.userId)
  if (ids.length === 0) return []
  return getDb().user.findMany({ where: { id: { in: ids } }, orderBy: { username: 'asc' }, select: { id: true, username: true } })
}

async function describeStuck(found: { userId: string; stage: number | bigint }[], now: Date): Promise<StuckRow[]> {
  if (found.length === 0) return []
  const users = await getDb().user.findMany({
    where: { id: { in: found.map((f) => f.userId) } },
    select: {
      id: true,
      username: true,
      displayName: true,
      email: true,
      invitations: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true, expiresAt: true, revokedAt: true, lockedAt: true, _count: { select: { reminders: { where: { emailed: true } } } } } },
    },
  })
  return found.flatMap((f) => {
    const user = users.find((u) => u.id === f.userId)
    const invitation = user?.invitations[0]
    if (!user || !invitation) return []
    const link: StuckLink = invitation.lockedAt ? 'locked' : invitation.revokedAt ? 'revoked' : invitation.expiresAt <= now ? 'expired' : 'live'
    return [{ userId: user.id, username: user.username, name: user.displayName, email: user.email, step: STUCK_STEPS[Number(f.stage)]!, invitedAt: invitation.createdAt, expiresAt: invitation.expiresAt, link, reminders: invitation._count.reminders }]
  })
}
