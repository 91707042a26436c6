import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { card, linkClass } from '@/components/ui'
import { recoverySignInAction } from '../actions'

export const metadata: Metadata = { title: 'Sign in with a recovery code' }

export default function RecoverySignInPage() {
  return (
    <section aria-labelledby="recovery-title" className={card}>
      <h1 id="recovery-title" className="text-2xl font-semibold tracking-tight">
        Sign in with a recovery code
      </h1>
      <p className="mt-3 text-slate-700">
        Each of the ten codes you saved works once. Signed in this way you can report your token lost and set up a new one.
      </p>
      <ActionForm action={recoverySignInAction} submitLabel="Sign in" pendingLabel="Signing in…">
        <TextField name="username" label="Username" autoComplete="username" maxLength={64} />
        <TextField name="code" label="Recovery code" hint="Twelve letters and digits, such as ABCD-EFGH-JKMN. The dashes are optional." secret maxLength={32} />
      </ActionForm>
      <p className="mt-6 text-slate-700">
        No codes? <Link href="/sign-in/help" className={linkClass}>Get a sign-in link by email</Link>.
      </p>
    </section>
  )
}
