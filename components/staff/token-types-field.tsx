'use client'

import { FieldErrors } from '@/components/enroll/field-errors'
import { useFormState } from '@/components/forms/action-form'
import type { Platform } from '@/lib/policy'
import type { OtpType } from '@/lib/otp'

const TYPES: { type: OtpType; label: string }[] = [
  { type: 'TOTP', label: 'Time-based (TOTP)' },
  { type: 'HOTP', label: 'Counter-based (HOTP)' },
]

/** Which token types people may enrol, a row of checkboxes per platform (seed 001); kept as ticked after a problem. */
export function TokenTypesField({ current, platformNames }: { current: Record<Platform, OtpType[]>; platformNames: Record<Platform, string> }) {
  const state = useFormState()
  const errors = state?.errors?.tokenTypes
  const ticked = (p: Platform, t: OtpType) => (state?.values ? state.values[`types.${p}.${t}`] === 'on' : current[p].includes(t))
  return (
    <fieldset aria-describedby={`tokenTypes-hint${errors ? ' tokenTypes-error' : ''}`}>
      <legend className="font-medium text-slate-900">Token types people may enrol, by the platform they enrol on</legend>
      <p id="tokenTypes-hint" className="text-sm text-slate-600">
        TOTP suits authenticator apps; HOTP suits a few older apps. At least one per platform. Default: TOTP only, everywhere.
      </p>
      <FieldErrors id="tokenTypes-error" errors={errors} />
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {(Object.keys(platformNames) as Platform[]).map((p) => (
          <fieldset key={p} className="rounded-lg border border-slate-200 p-3">
            <legend className="px-1 font-medium">{platformNames[p]}</legend>
            {TYPES.map(({ type, label }) => (
              <label key={type} className="flex min-h-11 items-center gap-3">
                <input type="checkbox" name={`types.${p}.${type}`} defaultChecked={ticked(p, type)} key={String(ticked(p, type))} className="h-5 w-5" />
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </fieldset>
  )
}
