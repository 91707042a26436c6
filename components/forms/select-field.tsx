'use client'

import { inputClass } from '../enroll/field-errors'
import { FieldFrame, fieldDescribedBy } from './field-frame'
import { useFormState } from './action-form'

/** A labelled drop-down of an ActionForm, its choice kept after a problem. */
export function SelectField({ name, label, hint, options }: { name: string; label: string; hint?: string; options: { value: string; label: string }[] }) {
  const state = useFormState()
  const errors = state?.errors?.[name]
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors}>
      <select
        id={name}
        name={name}
        defaultValue={state?.values?.[name] ?? options[0]?.value}
        // A new key after each answer, so the kept choice is shown again (defaultValue applies on mount).
        key={state?.values?.[name] ?? ''}
        aria-describedby={fieldDescribedBy(name, hint, errors)}
        aria-invalid={errors ? true : undefined}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}
