import { layoutStackedColumns } from '@/lib/charts'

export type Series = { name: string; color: string; /** A fill pattern so that colour is not the only difference. */ pattern: 'solid' | 'hatch' | 'dots' }

const count = (n: number) => n.toLocaleString('en')

function Pattern({ id, series }: { id: string; series: Series }) {
  if (series.pattern === 'solid') return null
  return (
    <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform={series.pattern === 'hatch' ? 'rotate(45)' : undefined}>
      <rect width={6} height={6} fill="#ffffff" />
      {series.pattern === 'hatch' ? <rect width={3} height={6} fill={series.color} /> : <circle cx={3} cy={3} r={2} fill={series.color} />}
    </pattern>
  )
}

/**
 * Stacked columns drawn on the server (one per day, say), with a value axis,
 * a legend, and a <title> on each column giving its figures (a tooltip for
 * pointer users). The series differ by fill pattern as well as by colour.
 */
export function StackedColumnChart({
  id,
  title,
  summary,
  columns,
  series,
}: {
  id: string
  title: string
  summary: string
  columns: { label: string; shortLabel: string; values: number[] }[]
  series: Series[]
}) {
  const layout = layoutStackedColumns({ columns })
  const fill = (i: number) => (series[i]!.pattern === 'solid' ? series[i]!.color : `url(#${id}-pattern-${i})`)
  return (
    <div>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label="Legend">
        {series.map((s, i) => (
          <li key={s.name} className="flex items-center gap-2">
            <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true">
              <defs>
                <Pattern id={`${id}-legend-${i}`} series={s} />
              </defs>
              <rect width={16} height={16} fill={s.pattern === 'solid' ? s.color : `url(#${id}-legend-${i})`} stroke={s.color} strokeWidth={2} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="mt-2 h-auto w-full" data-chart={id}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <defs>
          {series.map((s, i) => (
            <Pattern key={s.name} id={`${id}-pattern-${i}`} series={s} />
          ))}
        </defs>
        {layout.ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} stroke={tick.value === 0 ? '#475569' : '#cbd5e1'} strokeWidth={1} />
            <text x={layout.plot.left - 6} y={tick.y} textAnchor="end" dominantBaseline="middle" fontSize={13} fill="#334155">
              {count(tick.value)}
            </text>
          </g>
        ))}
        {layout.columns.map((column, i) => (
          <g key={column.label} data-day={column.label} data-total={column.total}>
            <title>{`${column.label}: ${series.map((s, k) => `${s.name.toLowerCase()} ${count(columns[i]!.values[k] ?? 0)}`).join(', ')}`}</title>
            {column.segments.map((segment) =>
              segment.height > 0 ? (
                <rect key={segment.series} x={segment.x} y={segment.y} width={segment.width} height={segment.height} fill={fill(segment.series)} stroke={series[segment.series]!.color} strokeWidth={1} />
              ) : null,
            )}
          </g>
        ))}
        {layout.labelled.map((i) => {
          const column = layout.columns[i]!
          return (
            <text key={column.label} x={column.x + column.width / 2} y={layout.plot.bottom + 20} textAnchor="middle" fontSize={13} fill="#334155">
              {columns[i]!.shortLabel}
            </text>
          )
        })}
      </svg>
    </div>
  )
}
