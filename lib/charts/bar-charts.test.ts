import { describe, expect, it } from 'vitest'
import { layoutHorizontalBars, layoutStackedColumns, niceMax } from './bar-charts'

describe('niceMax', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 10, 11, 180, 4_001].map(niceMax)).toEqual([1, 1, 2, 5, 10, 10, 20, 200, 5_000])
  })
})

describe('layoutHorizontalBars', () => {
  it('draws bars proportional to the values, the largest filling the plot', () => {
    const layout = layoutHorizontalBars({ items: [{ label: 'A', value: 100 }, { label: 'B', value: 50 }, { label: 'C', value: 0 }], width: 500, labelWidth: 100, valueWidth: 100 })
    expect(layout.bars.map((b) => b.width)).toEqual([300, 150, 0])
    expect(layout.bars.every((b) => b.x === 100)).toBe(true)
    expect(layout.bars[1]!.valueX).toBe(100 + 150 + 8)
    expect(layout.bars[1]!.y).toBeGreaterThan(layout.bars[0]!.y)
  })

  it('draws zero-length bars, not NaN, when every value is zero', () => {
    const layout = layoutHorizontalBars({ items: [{ label: 'A', value: 0 }, { label: 'B', value: 0 }] })
    expect(layout.bars.map((b) => b.width)).toEqual([0, 0])
  })
})

describe('layoutStackedColumns', () => {
  const columns = [
    { label: 'd1', values: [10, 5, 1] },
    { label: 'd2', values: [0, 0, 0] },
    { label: 'd3', values: [4, 0, 0] },
  ]
  it('stacks segments bottom-up with heights proportional to the values on a round axis', () => {
    const layout = layoutStackedColumns({ columns, height: 220, margin: { left: 40, top: 10, right: 10, bottom: 10 }, labelEvery: 2 })
    expect(layout.max).toBe(20)
    const plotHeight = 200
    const [a, r, l] = layout.columns[0]!.segments
    expect(a!.height).toBeCloseTo((10 / 20) * plotHeight)
    expect(r!.height).toBeCloseTo((5 / 20) * plotHeight)
    expect(l!.height).toBeCloseTo((1 / 20) * plotHeight)
    expect(a!.y + a!.height).toBeCloseTo(layout.plot.bottom)
    expect(r!.y + r!.height).toBeCloseTo(a!.y)
    expect(layout.columns[1]!.segments.every((s) => s.height === 0)).toBe(true)
    expect(layout.columns.map((c) => c.total)).toEqual([16, 0, 4])
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20])
    expect(layout.labelled).toEqual([0, 2])
  })

  it('keeps an axis from 0 to 1 with whole ticks when there is nothing to show', () => {
    const layout = layoutStackedColumns({ columns: [{ label: 'd1', values: [0, 0, 0] }] })
    expect(layout.max).toBe(1)
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 1])
  })
})
