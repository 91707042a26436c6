'use client'

import { FieldErrors, inputClass } from '../enroll/field-errors'
import { useFormState } from './action-form'

/** A labelled drop-down of an ActionForm, its choice kept after a problem. */
export function SelectField({ name, label, hint, options }: { name: string; label: string; hint?: string; options: { value: string; label: string }[] }) {
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
      <select
        id={name}
        name={name}
        defaultValue={state?.values?.[name] ?? options[0]?.value}
        // A new key after each answer, so the kept choice is shown again (defaultValue applies on mount).
        key={state?.values?.[name] ?? ''}
        aria-describedby={describedBy || undefined}
        aria-invalid={errors ? true : undefined}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  )
}
