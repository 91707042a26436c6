import Link from 'next/link'
import type { ReactNode } from 'react'
import { ActionForm } from '@/components/forms/action-form'
import type { FormAction } from '@/components/forms/form-state'
import { TextField } from '@/components/forms/text-field'
import { card, linkClass } from '@/components/ui'

/**
 * The confirmation step of every helpdesk action: what is about to happen,
 * to whom, a required reason for the audit log, and one button that does
 * it (or a way back that does nothing).
 */
export function StaffActionForm({
  title,
  user,
  action,
  hidden,
  submitLabel,
  danger = false,
  children,
}: {
  title: string
  user: { id: string; username: string; displayName: string | null }
  action: FormAction
  hidden: Record<string, string>
  submitLabel: string
  danger?: boolean
  children: ReactNode
}) {
  const back = `/staff/users/${user.id}`
  return (
    <section aria-labelledby="action-title" className={card}>
      <p>
        <Link href={back} className={linkClass}>
          ← {user.displayName ?? user.username} ({user.username})
        </Link>
      </p>
      <h1 id="action-title" className="mt-3 text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <div className="mt-3 space-y-2 text-slate-700">{children}</div>
      <ActionForm action={action} submitLabel={submitLabel} pendingLabel="Working…" danger={danger} hidden={{ userId: user.id, ...hidden }}>
        <TextField name="reason" label="Reason" hint="Required, for the audit log: a ticket number or a few words." maxLength={300} />
      </ActionForm>
      <p className="mt-4">
        <Link href={back} className={linkClass}>
          Cancel, change nothing
        </Link>
      </p>
    </section>
  )
}
