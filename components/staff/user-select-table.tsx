import Link from 'next/link'
import { ScrollTable } from '@/components/scroll-table'
import { linkClass } from '@/components/ui'
import type { UserPageItem } from '@/lib/users'

/**
 * The users list with a checkbox per row. The boxes belong to the bulk
 * form by its id (the HTML `form` attribute), so the table can stand apart
 * from the form's buttons and all of it works without JavaScript.
 */
export function UserSelectTable({ users, form }: { users: UserPageItem[]; form: string }) {
  return (
    <ScrollTable caption="Users on this page" columns={['Choose', 'Username', 'Name', 'Email', 'Groups', 'Active tokens', 'Account']} minWidth="min-w-[48rem]">
      {users.map((u) => (
        <tr key={u.id} className="border-b border-slate-200 align-top">
          <td className="py-2 pr-4">
            <input type="checkbox" name="user" value={u.id} form={form} aria-label={`Choose ${u.username}`} className="h-5 w-5" />
          </td>
          <td className="py-2 pr-4">
            <Link href={`/staff/users/${u.id}`} className={linkClass}>
              {u.username}
            </Link>
          </td>
          <td className="py-2 pr-4">{u.displayName ?? '—'}</td>
          <td className="py-2 pr-4 break-all">{u.email}</td>
          <td className="py-2 pr-4">{u.groups.join(', ') || '—'}</td>
          <td className="py-2 pr-4">{u.activeTokens}</td>
          <td className="py-2">{u.status === 'ACTIVE' ? 'active' : 'disabled'}</td>
        </tr>
      ))}
    </ScrollTable>
  )
}
