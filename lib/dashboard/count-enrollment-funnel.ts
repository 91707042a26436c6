import 'server-only'
import { getHotSql, sql, type Sql } from '@/lib/db'

export const FUNNEL_STEPS = ['invited', 'opened', 'started', 'verified', 'enrolled'] as const
export type FunnelStep = (typeof FUNNEL_STEPS)[number]
export type EnrollmentFunnel = Record<FunnelStep, number>

/**
 * People at each step of enrollment by invitation link, each counted once at
 * the furthest step any of their invitations reached, and so at every step
 * before it (a person who enrolled also opened a link):
 * - invited: an invitation was created (sent by staff or the CLI, or asked for);
 * - opened: a link was opened (EnrollmentInvitation.openedAt, first GET);
 * - started: "Start" was pressed, binding the browser and creating the
 *   pending token (browserHash);
 * - verified: the app's code was checked (Token.verifiedAt);
 * - enrolled: the enrollment completed (EnrollmentInvitation.usedAt, set with
 *   the token's activation).
 * One pass over the invitations in userId order; the token is looked up only
 * for invitations started and not completed (CASE stops at the first match).
 */
/**
 * One invitation's step as a number, the index in FUNNEL_STEPS, over an
 * EnrollmentInvitation aliased `i`. Shared with the list of unfinished
 * enrollments (lib/enrollment) so the dashboard and that page agree.
 */
export const INVITATION_STAGE: Sql = sql`CASE
        WHEN i."usedAt" IS NOT NULL THEN 4
        WHEN i."browserHash" IS NOT NULL THEN
          CASE WHEN EXISTS (SELECT 1 FROM "Token" t WHERE t."invitationId" = i."id" AND t."verifiedAt" IS NOT NULL) THEN 3 ELSE 2 END
        WHEN i."openedAt" IS NOT NULL THEN 1
        ELSE 0 END`

export async function countEnrollmentFunnel(): Promise<EnrollmentFunnel> {
  const rows = await getHotSql().query<{ stage: number | bigint; n: number | bigint }>(sql`
    SELECT "stage", count(*) AS "n" FROM (
      SELECT i."userId", max(${INVITATION_STAGE}) AS "stage"
      FROM "EnrollmentInvitation" i
      GROUP BY i."userId"
    ) AS "people"
    GROUP BY "stage"`)
  const atStage = FUNNEL_STEPS.map((_, stage) => Number(rows.find((r) => Number(r.stage) === stage)?.n ?? 0))
  // Everyone at a later step also passed the earlier ones.
  return Object.fromEntries(FUNNEL_STEPS.map((step, i) => [step, atStage.slice(i).reduce((a, b) => a + b, 0)])) as EnrollmentFunnel
}
