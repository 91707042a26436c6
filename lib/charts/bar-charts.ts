// Pure: the geometry of the dashboard's charts, in SVG user units. The
// components in components/charts draw it as server-rendered SVG with a
// viewBox, so a chart scales to its container and needs no client script.

/** The smallest 1, 2 or 5 × 10^k at or above `value` (at least 1): an axis maximum with round ticks. */
export function niceMax(value: number): number {
  if (!(value > 1)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(value))
  return [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= value)!
}

export type HorizontalBar = { label: string; value: number; x: number; y: number; width: number; height: number; labelY: number; valueX: number }
export type HorizontalBarLayout = { width: number; height: number; labelWidth: number; bars: HorizontalBar[] }

/**
 * One bar per item, longest for the largest value, lengths proportional to
 * the values (0 when all are 0: an empty chart, not a broken one). The label
 * sits left of the bar, the value right of its end.
 */
export function layoutHorizontalBars({
  items,
  width = 640,
  labelWidth = 150,
  valueWidth = 80,
  rowHeight = 36,
  barHeight = 24,
}: {
  items: { label: string; value: number }[]
  width?: number
  labelWidth?: number
  valueWidth?: number
  rowHeight?: number
  barHeight?: number
}): HorizontalBarLayout {
  const plot = width - labelWidth - valueWidth
  const max = Math.max(0, ...items.map((i) => i.value))
  const bars = items.map(({ label, value }, i) => {
    const length = max > 0 ? (Math.max(value, 0) / max) * plot : 0
    const y = i * rowHeight + (rowHeight - barHeight) / 2
    return { label, value, x: labelWidth, y, width: length, height: barHeight, labelY: y + barHeight / 2, valueX: labelWidth + length + 8 }
  })
  return { width, height: items.length * rowHeight, labelWidth, bars }
}

export type ColumnSegment = { series: number; value: number; x: number; y: number; width: number; height: number }
export type Column = { label: string; x: number; width: number; segments: ColumnSegment[]; total: number }
export type StackedColumnLayout = {
  width: number
  height: number
  plot: { left: number; top: number; right: number; bottom: number }
  max: number
  ticks: { value: number; y: number }[]
  /** Columns whose label is printed under the axis (every `labelEvery`-th, and the last). */
  labelled: number[]
  columns: Column[]
}

/**
 * Stacked columns, one per entry of `columns` (each with one value per
 * series, stacked bottom-up in series order), on an axis from 0 to a round
 * maximum with up to `tickCount` whole-number ticks. Heights are proportional to the values.
 */
export function layoutStackedColumns({
  columns,
  width = 720,
  height = 260,
  margin = { left: 56, top: 12, right: 12, bottom: 36 },
  gap = 0.25,
  tickCount = 4,
  labelEvery = 7,
}: {
  columns: { label: string; values: number[] }[]
  width?: number
  height?: number
  margin?: { left: number; top: number; right: number; bottom: number }
  /** Share of each column's slot left empty between columns. */
  gap?: number
  tickCount?: number
  labelEvery?: number
}): StackedColumnLayout {
  const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom }
  const totals = columns.map((c) => c.values.reduce((a, v) => a + Math.max(v, 0), 0))
  const max = niceMax(Math.max(0, ...totals))
  const scale = (plot.bottom - plot.top) / max
  const slot = columns.length ? (plot.right - plot.left) / columns.length : 0
  const barWidth = slot * (1 - gap)
  const laid = columns.map((c, i) => {
    const x = plot.left + i * slot + (slot - barWidth) / 2
    let base = plot.bottom
    const segments = c.values.map((value, series) => {
      const h = Math.max(value, 0) * scale
      base -= h
      return { series, value, x, y: base, width: barWidth, height: h }
    })
    return { label: c.label, x, width: barWidth, segments, total: totals[i]! }
  })
  // Whole-number ticks: counts have no fractions (an axis to 2 gets 0, 1, 2).
  const steps = [tickCount, 5, 2, 1].find((n) => Number.isInteger(max / n))!
  const ticks = Array.from({ length: steps + 1 }, (_, i) => {
    const value = (max / steps) * i
    return { value, y: plot.bottom - value * scale }
  })
  const labelled = columns.map((_, i) => i).filter((i) => (columns.length - 1 - i) % labelEvery === 0)
  return { width, height, plot, max, ticks, labelled, columns: laid }
}
