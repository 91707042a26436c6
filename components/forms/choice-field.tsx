'use client'

import { FieldErrors } from '../enroll/field-errors'
import { useFormState } from './action-form'

/** One of a few choices (radio buttons in a fieldset); a single choice is a hidden field. */
export function ChoiceField({ name, legend, choices, defaultValue }: { name: string; legend: string; choices: { value: string; label: string; hint?: string }[]; defaultValue?: string }) {
  const state = useFormState()
  const errors = state?.errors?.[name]
  const chosen = state?.values?.[name] ?? defaultValue ?? choices[0]?.value
  if (choices.length === 1) return <input type="hidden" name={name} value={choices[0]!.value} />
  return (
    <fieldset aria-describedby={errors ? `${name}-error` : undefined}>
      <legend className="font-medium text-slate-900">{legend}</legend>
      <div className="mt-2 space-y-2">
        {choices.map((c) => (
          <label key={c.value} className="flex min-h-11 items-start gap-3">
            <input type="radio" name={name} value={c.value} defaultChecked={c.value === chosen} className="mt-1 h-5 w-5" />
            <span>
              <strong>{c.label}</strong>
              {c.hint ? <span className="block text-sm text-slate-600">{c.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldErrors id={`${name}-error`} errors={errors} />
    </fieldset>
  )
}
