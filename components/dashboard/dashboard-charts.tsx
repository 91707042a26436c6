import { CardSection } from '@/components/card-section'
import { ChartCard } from '@/components/charts/chart-figure'
import { HorizontalBarChart } from '@/components/charts/horizontal-bar-chart'
import { StackedColumnChart, type Series } from '@/components/charts/stacked-column-chart'
import { DataTable } from '@/components/data-table'
import { FactList } from '@/components/fact-list'
import { FUNNEL_STEPS, TOKEN_STATES, type Dashboard, type FunnelStep } from '@/lib/dashboard'

const count = (n: number) => n.toLocaleString('en')
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)} %` : '—')

const STEP_LABELS: Record<FunnelStep, string> = { invited: 'Invited', opened: 'Opened link', started: 'Started', verified: 'Verified code', enrolled: 'Enrolled' }
const STATE_LABELS: Record<(typeof TOKEN_STATES)[number], string> = { ACTIVE: 'Active', PENDING: 'Pending', INVENTORY: 'In stock', DISABLED: 'Disabled', LOST: 'Lost', REVOKED: 'Revoked' }

// Each at least 4.5:1 against white, and told apart by pattern too.
const VALIDATION_SERIES: Series[] = [
  { name: 'Accepted', color: '#1d4ed8', pattern: 'solid' },
  { name: 'Rejected', color: '#b91c1c', pattern: 'hatch' },
  { name: 'Locked', color: '#0f172a', pattern: 'dots' },
]

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })

/** The dashboard's counts and charts, each chart with its figures as a table. */
export function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const { funnel, tokens, validations, users } = dashboard
  const totals = validations.reduce((t, d) => ({ accepted: t.accepted + d.accepted, rejected: t.rejected + d.rejected, locked: t.locked + d.locked }), { accepted: 0, rejected: 0, locked: 0 })
  const today = validations.at(-1)!
  const tokenTotal = TOKEN_STATES.reduce((s, state) => s + tokens.byState[state], 0)
  return (
    <>
      <CardSection id="counts" title="At a glance">
        <FactList
          className="mt-3"
          facts={[
            ['Users', `${count(users.total)} (${count(users.active)} active)`],
            ['Active tokens', count(tokens.byState.ACTIVE)],
            ['Locked tokens now', count(tokens.lockedNow)],
            [
              `PINs due within ${tokens.dueWithinDays} days`,
              tokens.pinMaxAgeDays ? `${count(tokens.pinsDue)} (already expired: ${count(tokens.pinsExpired)})` : 'PINs never expire (policy)',
            ],
            ['Validations today (UTC)', `${count(today.accepted)} accepted, ${count(today.rejected)} rejected, ${count(today.locked)} locked`],
          ]}
        />
      </CardSection>

      <ChartCard
        heading="Enrollment"
        id="funnel"
        title="Enrollment funnel"
        summary={
          funnel.invited
            ? `Of ${count(funnel.invited)} people invited, ${count(funnel.opened)} opened their link, ${count(funnel.started)} started, ${count(funnel.verified)} verified a code and ${count(funnel.enrolled)} enrolled (${percent(funnel.enrolled, funnel.invited)}).`
            : 'Nobody has been invited yet.'
        }
        chart={<HorizontalBarChart id="funnel-chart" title="Enrollment funnel" summary="People at each step of enrollment" items={FUNNEL_STEPS.map((s) => ({ label: STEP_LABELS[s], value: funnel[s] }))} />}
        table={
          <DataTable
            caption="Enrollment funnel: people at each step"
            rows={[...FUNNEL_STEPS]}
            rowKey={(s) => s}
            columns={[
              { header: 'Step', cell: (s) => STEP_LABELS[s] },
              { header: 'People', cell: (s) => count(funnel[s]) },
              { header: 'Of those invited', cell: (s) => percent(funnel[s], funnel.invited) },
            ]}
          />
        }
      />

      <ChartCard
        heading="Validations"
        id="validations"
        title={`Validations per day, last ${validations.length} days (UTC)`}
        summary={
          totals.accepted + totals.rejected + totals.locked
            ? `${count(totals.accepted)} accepted, ${count(totals.rejected)} rejected and ${count(totals.locked)} tokens locked by the validation API from ${validations[0]!.day} to ${today.day}.`
            : `No validations in the last ${validations.length} days.`
        }
        chart={
          <StackedColumnChart
            id="validations-chart"
            title="Validations per day"
            summary="Accepted, rejected and locked validations per UTC day"
            series={VALIDATION_SERIES}
            columns={validations.map((d) => ({ label: d.day, shortLabel: shortDay(d.day), values: [d.accepted, d.rejected, d.locked] }))}
          />
        }
        table={
          <DataTable
            caption="Validations per UTC day, newest first"
            rows={[...validations].reverse()}
            rowKey={(d) => d.day}
            columns={[
              { header: 'Day (UTC)', cell: (d) => d.day },
              { header: 'Accepted', cell: (d) => count(d.accepted) },
              { header: 'Rejected', cell: (d) => count(d.rejected) },
              { header: 'Locked', cell: (d) => count(d.locked) },
            ]}
          />
        }
      />

      <ChartCard
        heading="Tokens"
        id="tokens"
        title="Tokens by state"
        summary={tokenTotal ? `${count(tokenTotal)} tokens: ${TOKEN_STATES.map((s) => `${count(tokens.byState[s])} ${STATE_LABELS[s].toLowerCase()}`).join(', ')}.` : 'No tokens yet.'}
        chart={<HorizontalBarChart id="tokens-chart" title="Tokens by state" summary="How many tokens are in each state" color="#334155" items={TOKEN_STATES.map((s) => ({ label: STATE_LABELS[s], value: tokens.byState[s] }))} />}
        table={
          <DataTable
            caption="Tokens by state"
            rows={TOKEN_STATES}
            rowKey={(s) => s}
            columns={[
              { header: 'State', cell: (s) => STATE_LABELS[s] },
              { header: 'Tokens', cell: (s) => count(tokens.byState[s]) },
            ]}
          />
        }
      />
    </>
  )
}
