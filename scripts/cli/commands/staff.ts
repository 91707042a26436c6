import { CLI_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { AppError } from '@/lib/errors'
import { addStaffUser, issueFirstAdminLink, listStaffUsers } from '@/lib/staff'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { runSubcommand } from '../subcommands'
import { UsageError } from '../usage-error'

export const STAFF_USAGE = [
  'portal staff add --username <u> --email <e> --role helpdesk|admin [--name <n>]',
  'portal staff list',
  'portal staff setup-url                # while no admin exists: a one-time URL for the first one',
]

export async function runStaff(args: string[], out: Output): Promise<void> {
  return runSubcommand('staff', args, out, { add: staffAdd, list: staffList, 'setup-url': staffSetupUrl }, STAFF_USAGE)
}

async function staffAdd(args: string[], out: Output): Promise<void> {
  const opts = parseOptions(args, { username: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } })
  const username = opts.string('username')
  const email = opts.string('email')
  const role = opts.string('role')
  if (username === undefined) throw new UsageError('--username is required')
  if (email === undefined) throw new UsageError('--email is required')
  if (role === undefined) throw new UsageError('--role is required (helpdesk or admin)')
  const staff = await addStaffUser({ input: { username, email, role, displayName: opts.string('name') }, actor: CLI_ACTOR })
  const where = getConfig().smtpUrl ? 'The set-up email is queued for delivery.' : 'SMTP_URL is not set: the email stays in the local outbox (open /dev/mail to read it).'
  out.result(
    { ...staff, setupLinkExpiresAt: staff.setupLinkExpiresAt.toISOString() },
    `Added ${staff.role} ${staff.username} <${staff.email}>. Their set-up link works once, for 24 hours. ${where}`,
  )
}

async function staffList(args: string[], out: Output): Promise<void> {
  parseOptions(args, {})
  const staff = await listStaffUsers()
  const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '-')
  out.result(
    staff.map((s) => ({ ...s, lastSignInAt: s.lastSignInAt?.toISOString() ?? null })),
    staff.length
      ? formatTable(['USERNAME', 'EMAIL', 'ROLE', 'STATUS', 'LAST SIGN-IN'], staff.map((s) => [s.username, s.email, s.role, s.status, when(s.lastSignInAt)]))
      : 'No staff accounts yet. Set up the first administrator with: portal staff setup-url',
  )
}

async function staffSetupUrl(args: string[], out: Output): Promise<void> {
  parseOptions(args, {})
  const link = await issueFirstAdminLink({ createdBy: 'cli' })
  if (!link) throw new AppError('CONFLICT', 'an administrator exists already; administrators add staff with: portal staff add')
  out.result({ url: link.url, expiresAt: link.expiresAt.toISOString() }, firstAdminMessage(link))
}

/** What `npm start` and `portal staff setup-url` print while no administrator exists. */
export function firstAdminMessage(link: { url: string; expiresAt: Date }): string {
  return [
    'No administrator exists yet. Set up the first one, within an hour, at:',
    '',
    `  ${link.url}`,
    '',
    'This URL works once. Keep it to yourself: whoever opens it first becomes the administrator.',
  ].join('\n')
}
