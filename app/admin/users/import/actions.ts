'use server'

import { headers } from 'next/headers'
import type { UserImportState } from '@/components/staff/user-import-form'
import { requireStaff, staffActor } from '@/lib/auth'
import { isAppError } from '@/lib/errors'
import { requestContext } from '@/lib/http'
import { importUsers, MAX_USER_IMPORT_BYTES } from '@/lib/users'

// Thin: authorize → read the upload → lib/users importUsers → answer with the
// report. Administrators with a recent sign-in only (an import can change and
// disable many accounts), checked here as on the page. CSRF: proxy.ts refuses
// posts from other sites. The file is never stored: a check and an import are
// each one post of the file, so any instance can answer either.

const PAGE = '/admin/users/import'
/** How many bad rows the page lists; the counts cover them all. */
const SHOWN_PROBLEMS = 500

export async function importUsersAction(_previous: UserImportState, formData: FormData): Promise<UserImportState> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE, recent: true })
  const mode = formData.get('mode')
  const disableMissing = formData.get('disableMissing') === 'on'
  const values = { mode: typeof mode === 'string' ? mode : 'check', disableMissing }
  if (mode !== 'check' && mode !== 'all' && mode !== 'valid') return { error: 'Choose what to do with the file.', values }
  const file = formData.get('file')
  if (!(file instanceof File) || file.size === 0) return { error: 'Choose a CSV file to upload.', values }
  if (file.size > MAX_USER_IMPORT_BYTES) return { error: `The file is larger than ${MAX_USER_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`, values }
  if (mode !== 'check' && formData.get('confirm') !== 'on') {
    return { error: 'Tick the confirmation to import: an import changes accounts for everyone in the file.', values }
  }
  try {
    const result = await importUsers({
      content: Buffer.from(await file.arrayBuffer()),
      source: file.name.slice(0, 200),
      options: { dryRun: mode === 'check', applyValid: mode === 'valid', disableMissing },
      actor: staffActor(session),
      context: requestContext(await headers()),
    })
    return { result: { ...result, problems: result.problems.slice(0, SHOWN_PROBLEMS), fileName: file.name.slice(0, 200) }, values }
  } catch (error) {
    if (isAppError(error)) return { error: error.message, values }
    throw error
  }
}
