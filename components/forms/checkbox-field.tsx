'use client'

import { FieldErrors } from '../enroll/field-errors'
import { useFormState } from './action-form'

/**
 * A yes/no field of an ActionForm: a labelled checkbox with its hint, kept
 * as ticked or not after a problem. An unticked box is absent from the post.
 */
export function CheckboxField({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked: boolean }) {
  const state = useFormState()
  const errors = state?.errors?.[name]
  const checked = state?.values ? state.values[name] === 'on' : defaultChecked
  return (
    <div>
      <label className="flex min-h-11 items-start gap-3">
        <input
          type="checkbox"
          id={name}
          name={name}
          defaultChecked={checked}
          // A new key after each answer, so the kept state is shown again (defaultChecked applies on mount).
          key={String(checked)}
          aria-describedby={[hint ? `${name}-hint` : null, errors ? `${name}-error` : null].filter(Boolean).join(' ') || undefined}
          className="mt-1 h-5 w-5"
        />
        <span>
          <strong className="font-medium text-slate-900">{label}</strong>
          {hint ? (
            <span id={`${name}-hint`} className="block text-sm text-slate-600">
              {hint}
            </span>
          ) : null}
        </span>
      </label>
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  )
}
