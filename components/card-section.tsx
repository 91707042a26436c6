import type { ReactNode } from 'react'
import { card } from '@/components/ui'

/**
 * A titled card below a page's first one: a region named by its h2, so
 * screen-reader users can jump between a page's sections.
 */
export function CardSection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className={`${card} mt-6`}>
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}
