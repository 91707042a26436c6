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
