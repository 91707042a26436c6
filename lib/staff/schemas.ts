import { z } from 'zod'
import type { StaffRole } from '@/generated/prisma/client'
import { ZUserInput, ZUsername } from '@/lib/users'

/** Roles as typed (CLI, forms) and as stored. helpdesk ⊂ admin. */
export const ZStaffRole = z
  .string({ error: 'Role is required' })
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(['helpdesk', 'admin'], { error: 'Role must be helpdesk or admin' }))
  .transform((r): StaffRole => (r === 'admin' ? 'ADMIN' : 'HELPDESK'))

/** Who a staff member is: the same username and email rules as users', in a namespace of its own. */
export const ZStaffIdentity = z.object({
  username: ZUsername,
  email: ZUserInput.shape.email,
  displayName: ZUserInput.shape.displayName,
})

export const ZStaffInput = ZStaffIdentity.extend({ role: ZStaffRole })

export type TStaffInput = z.input<typeof ZStaffInput>
export type TStaffIdentity = z.input<typeof ZStaffIdentity>
