import { z } from 'zod'

/** Why the helpdesk acts: required, so the audit log answers "why" as well as "who". */
export const ZReason = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(3, 'Give a reason of at least 3 characters, e.g. the ticket number.').max(300, 'Keep the reason under 300 characters.'))
