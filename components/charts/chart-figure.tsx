import type { ReactNode } from 'react'
import { card } from '@/components/ui'

/**
 * A chart and its figures: the SVG (role="img", named by its title and
 * described by a one-sentence summary) and, under it, the same numbers as a
 * table in a disclosure, for screen readers, keyboard users and anyone who
 * wants the exact values.
 */
export function ChartFigure({ id, title, summary, chart, table }: { id: string; title: string; summary: string; chart: ReactNode; table: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-caption`} className="mt-4">
      <figcaption id={`${id}-caption`} className="text-lg font-semibold">
        {title}
      </figcaption>
      <p className="mt-1 text-sm text-slate-700">{summary}</p>
      <div className="mt-3">{chart}</div>
      <details className="mt-3">
        <summary className="cursor-pointer font-medium text-brand underline underline-offset-2">Show the figures as a table</summary>
        {table}
      </details>
    </figure>
  )
}

/** A chart in a card of its own: a page region, named by a heading only screen readers need (the caption shows the same). */
export function ChartCard({ heading, ...figure }: { heading: string } & Parameters<typeof ChartFigure>[0]) {
  return (
    <section aria-labelledby={`${figure.id}-title`} className={`${card} mt-6`}>
      <h2 id={`${figure.id}-title`} className="sr-only">
        {heading}
      </h2>
      <ChartFigure {...figure} />
    </section>
  )
}
