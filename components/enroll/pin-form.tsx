'use client'

import { useActionState } from 'react'
import { completeAction, type PinFormState } from '@/app/(public)/enroll/[token]/actions'
import { primaryButton } from '../ui'
import { FieldErrors, inputClass } from './field-errors'

/**
 * Server PIN (twice) and token name, then activation. PINs are never sent
 * back to the page: after a problem the person types them again.
 */
export function PinForm({
  token,
  rules,
  digitsOnly,
  maxLength,
  defaultName,
  submitLabel,
}: {
  token: string
  rules: string[]
  digitsOnly: boolean
  maxLength: number
  defaultName: string
  submitLabel: string
}) {
  const [state, action, pending] = useActionState<PinFormState, FormData>(completeAction, null)
  const errors = state?.errors ?? {}
  return (
    <form action={action} aria-busy={pending} className="mt-4 space-y-6" noValidate>
      <input type="hidden" name="token" value={token} />
      {Object.keys(errors).length ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
          Please fix the {Object.keys(errors).length === 1 ? 'problem' : 'problems'} below.
        </p>
      ) : null}
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">Server PIN</legend>
        <div id="pin-rules" className="text-sm text-slate-700">
          <p>Your PIN goes in front of the code each time you sign in. It must be:</p>
          <ul className="mt-1 list-disc pl-5">
            {rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </div>
        <PinInput name="pin" label="PIN" hint="pin-rules" errors={errors.pin} digitsOnly={digitsOnly} maxLength={maxLength} />
        <PinInput name="pinConfirm" label="PIN again, to confirm" errors={errors.pinConfirm} digitsOnly={digitsOnly} maxLength={maxLength} />
      </fieldset>
      <div>
        <label htmlFor="name" className="block text-lg font-semibold text-slate-900">
          Token name
        </label>
        <p id="name-hint" className="text-sm text-slate-600">
          How this token appears in “Manage my tokens” and to the helpdesk. Up to 64 characters.
        </p>
        <input
          id="name"
          name="name"
          type="text"
          defaultValue={state?.name ?? defaultName}
          maxLength={80}
          required
          aria-describedby={errors.name ? 'name-hint name-error' : 'name-hint'}
          aria-invalid={errors.name ? true : undefined}
          className={inputClass}
        />
        <FieldErrors id="name-error" errors={errors.name} />
      </div>
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Activating…' : submitLabel}
      </button>
    </form>
  )
}

/** A PIN field: masked, numeric keypad for digit PINs, its problems tied to it. */
function PinInput({
  name,
  label,
  hint,
  errors,
  digitsOnly,
  maxLength,
}: {
  name: 'pin' | 'pinConfirm'
  label: string
  hint?: string
  errors?: string[]
  digitsOnly: boolean
  maxLength: number
}) {
  const describedBy = [hint, errors ? `${name}-error` : undefined].filter(Boolean).join(' ')
  return (
    <div>
      <label htmlFor={name} className="block font-medium text-slate-900">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="password"
        inputMode={digitsOnly ? 'numeric' : 'text'}
        autoComplete="new-password"
        maxLength={maxLength + 16}
        required
        aria-describedby={describedBy || undefined}
        aria-invalid={errors ? true : undefined}
        className={`${inputClass} max-w-64`}
      />
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  )
}
