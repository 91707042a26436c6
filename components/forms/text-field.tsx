'use client'

import { inputClass } from '../enroll/field-errors'
import { FieldFrame, fieldDescribedBy } from './field-frame'
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
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors}>
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
        aria-describedby={fieldDescribedBy(name, hint, errors)}
        aria-invalid={errors ? true : undefined}
        className={`${inputClass}${narrow ? ' max-w-64' : ''}`}
      />
    </FieldFrame>
  )
}
