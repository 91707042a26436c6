import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { HorizontalBarChart } from '@/components/charts/horizontal-bar-chart'
import { StackedColumnChart } from '@/components/charts/stacked-column-chart'

// The dashboard's SVG as the server sends it (components/charts, geometry
// from lib/charts): named images, labels, values, and bars to scale.

describe('chart components', () => {
  it('render an SVG image named by its title and description, with labels and values', () => {
    const html = renderToStaticMarkup(
      createElement(HorizontalBarChart, { id: 'f', title: 'Enrollment funnel', summary: 'People at each step', items: [{ label: 'Invited', value: 1200 }, { label: 'Enrolled', value: 600 }] }),
    )
    expect(html).toMatch(/^<svg viewBox="0 0 640 72" role="img" aria-labelledby="f-title f-desc"/)
    expect(html).toContain('<title id="f-title">Enrollment funnel</title><desc id="f-desc">People at each step</desc>')
    expect(html).toContain('>Invited</text>')
    expect(html).toContain('>1,200</text>')
    const widths = [...html.matchAll(/<rect x="150" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(widths).toEqual([410, 205])
  })

  it('render stacked columns with a title per day, a legend and patterns besides colours', () => {
    const html = renderToStaticMarkup(
      createElement(StackedColumnChart, {
        id: 'v',
        title: 'Validations per day',
        summary: 'Accepted, rejected and locked',
        series: [
          { name: 'Accepted', color: '#1d4ed8', pattern: 'solid' },
          { name: 'Rejected', color: '#b91c1c', pattern: 'hatch' },
        ],
        columns: [
          { label: '2026-11-27', shortLabel: '27 Nov', values: [3, 1] },
          { label: '2026-11-28', shortLabel: '28 Nov', values: [0, 0] },
        ],
      }),
    )
    expect(html).toContain('<title id="v-title">Validations per day</title>')
    expect(html).toContain('<title>2026-11-27: accepted 3, rejected 1</title>')
    expect(html).toContain('<title>2026-11-28: accepted 0, rejected 0</title>')
    expect(html).toContain('fill="url(#v-pattern-1)"')
    expect(html).toContain('<li class="flex items-center gap-2">')
    expect(html).toContain('>28 Nov</text>')
  })
})

describe('the dashboard on a fresh database', () => {
  it('says there is nothing yet and draws empty charts, not broken ones', async () => {
    const { DashboardCharts } = await import('@/components/dashboard/dashboard-charts')
    const { lastUtcDays } = await import('@/lib/dashboard/utc-days')
    const now = new Date('2026-11-28T10:00:00.000Z')
    const html = renderToStaticMarkup(
      createElement(DashboardCharts, {
        dashboard: {
          at: now,
          users: { total: 0, active: 0 },
          funnel: { invited: 0, opened: 0, started: 0, verified: 0, enrolled: 0 },
          tokens: { byState: { ACTIVE: 0, PENDING: 0, INVENTORY: 0, ASSIGNED: 0, DISABLED: 0, LOST: 0, REVOKED: 0 }, lockedNow: 0, pinsDue: 0, pinsExpired: 0, dueWithinDays: 14, pinMaxAgeDays: 90 },
          validations: lastUtcDays({ count: 30, now }).map((day) => ({ day, accepted: 0, rejected: 0, locked: 0 })),
          empty: true,
        },
      }),
    )
    expect(html).toContain('Nobody has been invited yet.')
    expect(html).toContain('No validations in the last 30 days.')
    expect(html).toContain('No tokens yet.')
    expect(html).not.toMatch(/NaN|Infinity|undefined/)
    expect(html.match(/role="img"/g)).toHaveLength(3)
    // 30 rows of zeros, newest first.
    expect(html).toContain('<td class="py-2 pr-4 last:pr-0 ">2026-11-28</td><td class="py-2 pr-4 last:pr-0 ">0</td>')
  })
})
