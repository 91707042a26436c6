'use client'

import { inputClass } from '../enroll/field-errors'
import { FieldFrame, fieldDescribedBy } from './field-frame'
import { useFormState } from './action-form'

/** A labelled multi-line field of an ActionForm (or a FormStateScope), like TextField. */
export function TextAreaField({
  name,
  label,
  hint,
  maxLength = 4000,
  rows = 6,
  defaultValue,
  onChange,
}: {
  name: string
  label: string
  hint?: string
  maxLength?: number
  rows?: number
  defaultValue?: string
  onChange?: (value: string) => void
}) {
  const state = useFormState()
  const errors = state?.errors?.[name]
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors}>
      <textarea
        id={name}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={state?.values?.[name] ?? defaultValue}
        aria-describedby={fieldDescribedBy(name, hint, errors)}
        aria-invalid={errors ? true : undefined}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        className={inputClass}
      />
    </FieldFrame>
  )
}
