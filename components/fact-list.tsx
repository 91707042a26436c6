import type { ReactNode } from 'react'

/** Facts about one thing, term and value side by side (a definition list). */
export function FactList({ facts, className = 'mt-3 text-sm' }: { facts: [string, ReactNode][]; className?: string }) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 ${className}`}>
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-700">{term}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  )
}
