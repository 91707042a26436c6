'use client'

import { useActionState } from 'react'
import { inputClass } from '../enroll/field-errors'
import { FormStateScope } from '../forms/action-form'
import { ChoiceField } from '../forms/choice-field'
import { TextField } from '../forms/text-field'
import type { FormState } from '../forms/form-state'
import { dangerButton } from '../ui'

type State = { passcode: string; expiresAt: string; singleUse: boolean } | FormState

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
  const formState = state && 'errors' in state ? state : null
  const formErrors = formState?.errors?.form
  return (
    <FormStateScope state={formState}>
      <form action={formAction} aria-busy={pending} className="mt-4 space-y-5" noValidate>
        <input type="hidden" name="userId" value={userId} />
        {formErrors?.length ? (
          <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
            {formErrors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        ) : null}
        <div>
          <label htmlFor="hours" className="block font-medium text-slate-900">
            Valid for
          </label>
          <select id="hours" name="hours" defaultValue={formState?.values?.hours ?? String(defaultHours)} className={`${inputClass} max-w-64`}>
            {hours.map((h) => (
              <option key={h} value={h}>
                {h} {h === 1 ? 'hour' : 'hours'}
              </option>
            ))}
          </select>
        </div>
        <ChoiceField
          name="uses"
          legend="It works"
          choices={[
            { value: 'once', label: 'For one sign-in', hint: 'Safest: it is used up at the first sign-in.' },
            { value: 'many', label: 'Until it expires', hint: 'For a day of sign-ins while the token is at home.' },
          ]}
        />
        <TextField name="reason" label="Reason" hint="Required, for the audit log: a ticket number or a few words." maxLength={300} />
        <button type="submit" className={dangerButton} disabled={pending}>
          {pending ? 'Issuing…' : 'Issue the passcode'}
        </button>
      </form>
    </FormStateScope>
  )
}
