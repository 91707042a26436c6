import type { ReactNode } from 'react'
import { ScrollTable } from './scroll-table'

export type Column<T> = { header: string; cell: (row: T) => ReactNode; className?: string }

/** A ScrollTable of records: one row per record, one cell per column. */
export function DataTable<T>({ caption, columns, rows, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string }) {
  return (
    <ScrollTable caption={caption} columns={columns.map((c) => c.header)}>
      {rows.map((row) => (
        <tr key={rowKey(row)} className="border-b border-slate-200 align-top">
          {columns.map((c) => (
            <td key={c.header} className={`py-2 pr-4 last:pr-0 ${c.className ?? ''}`}>
              {c.cell(row)}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  )
}
