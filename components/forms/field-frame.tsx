import type { ReactNode } from 'react'
import { FieldErrors } from '../enroll/field-errors'

/** The ids a field's control points at with aria-describedby: its hint and its problems, when there are any. */
export function fieldDescribedBy(name: string, hint: string | undefined, errors: string[] | undefined): string | undefined {
  return [hint ? `${name}-hint` : null, errors ? `${name}-error` : null].filter(Boolean).join(' ') || undefined
}

/** A form field's label, hint and problems around its control (whose id is `name`). */
export function FieldFrame({ name, label, hint, errors, children }: { name: string; label: string; hint?: string; errors?: string[]; children: ReactNode }) {
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
      {children}
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  )
}
