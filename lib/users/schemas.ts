import { z } from 'zod'

/**
 * Usernames compare case-insensitively: we store only the canonical form
 * (NFKC, trimmed, lower-case), so "JDoe" and "jdoe" are the same account.
 */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase()
}

/**
 * A display name as the helpdesk's search compares it (User.displayNameKey):
 * NFKC, lower-case, runs of spaces as one, so "Jane  DOE" is found by "jane d".
 */
export function displayNameKey(name: string): string {
  return normalizeUsername(name).replace(/\s+/g, ' ')
}

export const ZUsername = z
  .string({ error: 'Username is required' })
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .min(1, 'Username is required')
      .max(64, 'Username must be at most 64 characters')
      .regex(
        /^[a-z0-9][a-z0-9._@-]*$/,
        'Username may contain letters, digits, dots, hyphens, underscores and @, and must start with a letter or digit',
      ),
  )

export const ZGroupName = z
  .string()
  .transform((s) => s.normalize('NFKC').trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'Group name is required')
      .max(64, 'Group name must be at most 64 characters')
      .regex(/^[a-z0-9][a-z0-9 ._-]*$/, 'Group name may contain letters, digits, spaces, dots, hyphens and underscores'),
  )

export const ZUserInput = z.object({
  username: ZUsername,
  email: z
    .string({ error: 'Email is required' })
    .trim()
    // Lower-case so "Send me a new link" finds the account however it is typed.
    .toLowerCase()
    .pipe(z.email('Email must be a valid address').max(254, 'Email must be at most 254 characters')),
  displayName: z
    .string()
    .trim()
    .max(128, 'Name must be at most 128 characters')
    .optional()
    .transform((s) => (s ? s : undefined)),
  groups: z.array(ZGroupName).max(50, 'At most 50 groups').default([]),
})

export type TUserInput = z.input<typeof ZUserInput>

/** The search page's URL parameters (/staff/users?q=&page=): anything malformed reads as absent. */
export const ZDirectorySearch = z.object({
  q: z.string().max(254).catch('').default(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})

export type TDirectorySearch = z.output<typeof ZDirectorySearch>
