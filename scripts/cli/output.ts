export type Output = {
  json: boolean
  /** Prints `data` as JSON with --json, else the human text. */
  result(data: unknown, human: string): void
  info(line: string): void
}

export function createOutput({ json }: { json: boolean }): Output {
  return {
    json,
    result(data, human) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`)
    },
    info(line) {
      // Progress goes to stderr so --json output stays machine-readable.
      process.stderr.write(`${line}\n`)
    },
  }
}

/** Fixed-width columns for human listings. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}
