import { layoutHorizontalBars } from '@/lib/charts'

const count = (n: number) => n.toLocaleString('en')

/**
 * Horizontal bars drawn on the server: a label, a bar proportional to the
 * value, and the value printed beside it, so the colour carries no meaning
 * of its own. Scales to its container through the viewBox.
 */
export function HorizontalBarChart({ id, title, summary, items, color = '#1d4ed8' }: { id: string; title: string; summary: string; items: { label: string; value: number }[]; color?: string }) {
  const layout = layoutHorizontalBars({ items })
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="h-auto w-full max-w-3xl"
      data-chart={id}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      <line x1={layout.labelWidth} y1={0} x2={layout.labelWidth} y2={layout.height} stroke="#475569" strokeWidth={1} />
      {layout.bars.map((bar) => (
        <g key={bar.label} data-label={bar.label} data-value={bar.value}>
          <text x={layout.labelWidth - 8} y={bar.labelY} textAnchor="end" dominantBaseline="middle" fontSize={15} fill="#0f172a">
            {bar.label}
          </text>
          <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={color} rx={2} />
          <text x={bar.valueX} y={bar.labelY} dominantBaseline="middle" fontSize={15} fontWeight={600} fill="#0f172a">
            {count(bar.value)}
          </text>
        </g>
      ))}
    </svg>
  )
}
