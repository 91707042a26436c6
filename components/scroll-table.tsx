import type { ReactNode } from 'react'

/**
 * A table with column headings and a caption for screen readers. On a
 * narrow screen it scrolls sideways inside a focusable region named by the
 * caption (keyboard users can scroll it too; WCAG 2.1.1) instead of
 * squeezing its columns.
 */
export function ScrollTable({ caption, columns, minWidth = '', children }: { caption: string; columns: string[]; /** A Tailwind min-width class, e.g. "min-w-[44rem]". */ minWidth?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="mt-4 overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-brand">
      <table className={`w-full ${minWidth} text-left text-sm`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((c, i) => (
              <th key={c} scope="col" className={i < columns.length - 1 ? 'py-2 pr-4' : 'py-2'}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
