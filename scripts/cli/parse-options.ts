import { parseArgs, type ParseArgsConfig } from 'node:util'

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>
import { UsageError } from './usage-error'

export type ParsedOptions = {
  string(name: string): string | undefined
  strings(name: string): string[]
  /** A boolean option: true when given. */
  flag(name: string): boolean
}

/** Strict option parsing (unknown options are errors), as one-line usage errors. `--json` is always allowed. */
export function parseOptions(args: string[], options: ParseArgsOptionsConfig): ParsedOptions {
  let values: Record<string, unknown>
  try {
    values = parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
  return {
    string: (name) => (typeof values[name] === 'string' ? (values[name] as string) : undefined),
    strings: (name) => (Array.isArray(values[name]) ? (values[name] as string[]) : []),
    flag: (name) => values[name] === true,
  }
}
