'use client'

import { useActionState } from 'react'
import { FieldErrors, inputClass } from '../enroll/field-errors'
import { dangerButton } from '../ui'

type State = { passcode: string; expiresAt: string; singleUse: boolean } | { errors?: Record<string, string[]>; values?: Record<string, string> } | null

/**
 * Issue a temporary passcode and show it once, to read out over the phone:
 * two groups of five, never stored in the clear, never shown again. Works
 * without JavaScript (the page comes back with the passcode).
 */
export function TemporaryPasscodeForm({
  action,
  userId,
  hours,
  defaultHours,
}: {
  action: (previous: State, formData: FormData) => Promise<State>
  userId: string
  hours: number[]
  defaultHours: number
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null)
  if (state && 'passcode' in state) {
    const until = `${new Date(state.expiresAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`
    return (
      <div className="mt-4">
        <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-3 font-medium text-green-900">
          Temporary passcode issued. Read it out now: it is shown only this once.
        </p>
        <dl className="mt-4">
          <dt className="text-slate-700">Temporary passcode</dt>
          <dd className="mt-1 font-mono text-3xl font-semibold tracking-widest">
            {state.passcode.slice(0, 5)} {state.passcode.slice(5)}
          </dd>
        </dl>
        <p className="mt-3 text-slate-700">
          The user types it instead of PIN and code, without the space. It works until {until}, {state.singleUse ? 'for one sign-in' : 'for any number of sign-ins'}. They were told by email that it exists (the email does not contain it).
        </p>
      </div>
    )
  }
  const errors = state?.errors ?? {}
  const values = state?.values ?? {}
  return (
    <form action={formAction} aria-busy={pending} className="mt-4 space-y-5" noValidate>
      <input type="hidden" name="userId" value={userId} />
      {errors.form?.length ? (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
          {errors.form.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      <div>
        <label htmlFor="hours" className="block font-medium text-slate-900">
          Valid for
        </label>
        <select id="hours" name="hours" defaultValue={values.hours ?? String(defaultHours)} className={`${inputClass} max-w-64`}>
          {hours.map((h) => (
            <option key={h} value={h}>
              {h} {h === 1 ? 'hour' : 'hours'}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className="font-medium text-slate-900">It works</legend>
        <div className="mt-2 space-y-2">
          {[
            { value: 'once', label: 'For one sign-in', hint: 'Safest: it is used up at the first sign-in.' },
            { value: 'many', label: 'Until it expires', hint: 'For a day of sign-ins while the token is at home.' },
          ].map((c) => (
            <label key={c.value} className="flex min-h-11 items-start gap-3">
              <input type="radio" name="uses" value={c.value} defaultChecked={(values.uses ?? 'once') === c.value} className="mt-1 h-5 w-5" />
              <span>
                <strong>{c.label}</strong>
                <span className="block text-sm text-slate-600">{c.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="reason" className="block font-medium text-slate-900">
          Reason
        </label>
        <p id="reason-hint" className="text-sm text-slate-600">
          Required, for the audit log: a ticket number or a few words.
        </p>
        <input
          id="reason"
          name="reason"
          type="text"
          maxLength={300}
          defaultValue={values.reason}
          aria-describedby={errors.reason ? 'reason-hint reason-error' : 'reason-hint'}
          aria-invalid={errors.reason ? true : undefined}
          className={inputClass}
        />
        <FieldErrors id="reason-error" errors={errors.reason} />
      </div>
      <button type="submit" className={dangerButton} disabled={pending}>
        {pending ? 'Issuing…' : 'Issue the passcode'}
      </button>
    </form>
  )
}
