import type { ReactNode } from 'react'

/**
 * A wide table's horizontal scroll area: focusable and named, so keyboard
 * users can scroll it too (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="mt-3 overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-brand">
      {children}
    </div>
  )
}
