// What each fault case reports, and the table the suite prints.

export type FaultResult = {
  fault: string
  /** Requests made to the portal (HTTP), or messages for the mail cases. */
  requests: number
  wrongAccepts: number
  /** Messages lost / delivered more than once, where the case sends mail. */
  lost: number | null
  duplicated: number | null
  /** Answers other than the one a healthy portal gives (5xx, 429, refused or reset connections, timeouts). */
  clientErrors: number
  /** From the end of the fault until the portal served normally again, in seconds. */
  recoverySeconds: number | null
  /** Facts worth printing beside the table. */
  notes: string[]
  /** Broken promises: the case fails when there is any. */
  failures: string[]
  skipped?: string
}

export function newResult(fault: string): FaultResult {
  return { fault, requests: 0, wrongAccepts: 0, lost: null, duplicated: null, clientErrors: 0, recoverySeconds: null, notes: [], failures: [] }
}

/** Records a broken promise (never throws: the case goes on and reports everything it saw). */
export function check(result: FaultResult, holds: boolean, promise: string): boolean {
  if (!holds) result.failures.push(promise)
  return holds
}

export function note(result: FaultResult, text: string): void {
  result.notes.push(text)
  console.log(`  ${text}`)
}

export function printTable(results: FaultResult[]): void {
  const header = ['fault', 'requests', 'wrong accepts', 'lost', 'duplicated', 'client errors', 'recovered in', 'result']
  const rows = results.map((r) => [
    r.fault,
    r.skipped ? '-' : String(r.requests),
    r.skipped ? '-' : String(r.wrongAccepts),
    r.lost === null ? '-' : String(r.lost),
    r.duplicated === null ? '-' : String(r.duplicated),
    r.skipped ? '-' : String(r.clientErrors),
    r.recoverySeconds === null ? '-' : `${r.recoverySeconds.toFixed(1)} s`,
    r.skipped ? 'skipped' : r.failures.length ? 'FAILED' : 'ok',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`)
  for (const row of rows) console.log(line(row))
  for (const r of results) {
    if (r.skipped) console.log(`\n${r.fault}: skipped: ${r.skipped}`)
    for (const failure of r.failures) console.log(`\n${r.fault}: FAILED: ${failure}`)
  }
}
