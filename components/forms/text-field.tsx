'use client'

import { FieldErrors, inputClass } from '../enroll/field-errors'
import { useFormState } from './action-form'

/**
 * A labelled field of an ActionForm: its hint and problems tied to it, its
 * value shown again after a problem unless it is a secret.
 */
export function TextField({
  name,
  label,
  hint,
  secret = false,
  numeric = false,
  autoComplete = 'off',
  maxLength = 128,
  defaultValue,
  narrow = false,
  type = 'text',
}: {
  name: string
  label: string
  hint?: string
  /** PINs, passcodes, codes: masked, never filled in again. */
  secret?: boolean
  numeric?: boolean
  autoComplete?: string
  maxLength?: number
  defaultValue?: string
  narrow?: boolean
  /** `date` shows the browser's date picker; the value is still YYYY-MM-DD text. */
  type?: 'text' | 'date'
}) {
  const state = useFormState()
  const errors = state?.errors?.[name]
  const describedBy = [hint ? `${name}-hint` : null, errors ? `${name}-error` : null].filter(Boolean).join(' ')
  return (
    <div>
      <label htmlFor={name} className="block font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type={secret ? 'password' : type}
        inputMode={numeric ? 'numeric' : 'text'}
        autoComplete={autoComplete}
        autoCapitalize="none"
        spellCheck={false}
        maxLength={maxLength}
        defaultValue={secret ? undefined : (state?.values?.[name] ?? defaultValue)}
        aria-describedby={describedBy || undefined}
        aria-invalid={errors ? true : undefined}
        className={`${inputClass}${narrow ? ' max-w-64' : ''}`}
      />
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  )
}
