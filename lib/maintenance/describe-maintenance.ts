import type { DormantReport } from './run-dormant-tokens'

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** One line for people: what a run did, or what a dry run would do. */
export function describeMaintenance(report: DormantReport): string {
  if (!report.policy) return 'The dormant-token policy is off (no period set): nothing to do.'
  const { warn, disable, revoke } = report.counts
  const verb = report.dryRun ? ['would warn', 'would disable', 'would revoke'] : ['warned', 'disabled', 'revoked']
  const parts = [`${verb[0]} the owners of ${plural(warn, 'token')}`, `${verb[1]} ${plural(disable, 'token')}`, `${verb[2]} ${plural(revoke, 'token')}`]
  const tail = [report.waiting ? `${plural(report.waiting, 'warned token')} still within the notice period` : '', report.skipped ? `${plural(report.skipped, 'token')} changed meanwhile and left alone` : '']
    .filter(Boolean)
    .join('; ')
  const line = `Dormant tokens (unused for ${report.policy.afterDays} days, warned ${report.policy.warnDays} days ahead): ${report.dryRun ? 'this run ' : ''}${parts.join(', ')}.`
  return tail ? `${line} ${tail.charAt(0).toUpperCase()}${tail.slice(1)}.` : line
}
