import type { Output } from './output'
import { UsageError } from './usage-error'

export type Subcommand = (args: string[], out: Output) => Promise<void>

/** A usage table's command lines, without indented notes or a trailing "# comment". */
export const usageSummary = (usage: readonly string[]) =>
  usage
    .filter((line) => !line.startsWith(' '))
    .map((line) => line.split(/\s{2,}#/)[0]!.trimEnd())
    .join(' | ')

/**
 * `portal <group> <sub> …`: runs the named subcommand with the rest of the
 * arguments, or fails with one line naming the group's commands.
 */
export function runSubcommand(group: string, args: string[], out: Output, commands: Record<string, Subcommand>, usage: readonly string[]): Promise<void> {
  const [sub, ...rest] = args
  const command = sub !== undefined && Object.hasOwn(commands, sub) ? commands[sub] : undefined
  if (!command) throw new UsageError(`unknown ${group} command${sub ? ` "${sub}"` : ''}; usage: ${usageSummary(usage)}`)
  return command(rest, out)
}
