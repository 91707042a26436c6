import { CLI_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { inviteUsers } from '@/lib/enrollment'
import type { Output } from '../output'
import { UsageError } from '../usage-error'

export const INVITE_USAGE = ['portal invite <username>... | --all-pending']

export async function runInvite(args: string[], out: Output): Promise<void> {
  const options = args.filter((a) => a.startsWith('--') && a !== '--json')
  const usernames = args.filter((a) => !a.startsWith('--'))
  const allPending = options.includes('--all-pending')
  const unknown = options.find((o) => o !== '--all-pending')
  if (unknown) throw new UsageError(`unknown option ${unknown}; usage: ${INVITE_USAGE[0]}`)
  if (allPending && usernames.length) throw new UsageError('give usernames or --all-pending, not both')
  if (!allPending && usernames.length === 0) throw new UsageError(`name at least one user; usage: ${INVITE_USAGE[0]}`)

  const invited = await inviteUsers({ usernames, allPending, actor: CLI_ACTOR })
  const where = getConfig().smtpUrl
    ? 'Emails are queued for delivery.'
    : 'SMTP_URL is not set: the emails stay in the local outbox (open /dev/mail to read them).'
  const human = invited.length
    ? `Invited ${invited.length} user(s)${invited.length <= 20 ? `: ${invited.map((i) => i.username).join(', ')}` : ''}. ${where}`
    : 'No pending users: everyone has an active token or a live invitation.'
  out.result({ invited: invited.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })) }, human)
}
