import type { ReactNode } from 'react'
import { ScrollRegion } from './scroll-region'

export type Column<T> = { header: string; cell: (row: T) => ReactNode; className?: string }

/**
 * A table of records: a caption for screen readers, column headers, one row
 * per record, inside a keyboard-scrollable region on narrow screens.
 */
export function DataTable<T>({ caption, columns, rows, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string }) {
  // The caption names the scroll region too: unlike the section's heading, it is unique on the page.
  return (
    <ScrollRegion label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((c) => (
              <th key={c.header} scope="col" className="py-2 pr-4 last:pr-0">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200 align-top">
              {columns.map((c) => (
                <td key={c.header} className={`py-2 pr-4 last:pr-0 ${c.className ?? ''}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
