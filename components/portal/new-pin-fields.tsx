import { TextField } from '../forms/text-field'

/**
 * A code from the token, then the new PIN twice under the policy: the
 * fields of "change PIN" and "set a new PIN" alike.
 */
export function NewPinFields({ rules, digitsOnly, maxLength }: { rules: string[]; digitsOnly: boolean; maxLength: number }) {
  return (
    <>
      <TextField name="code" label="Code from your app" hint="The code your app shows now for this token. It is used up here." numeric autoComplete="one-time-code" maxLength={12} narrow />
      <div id="pin-rules" className="text-sm text-slate-700">
        <p>Your new PIN must be:</p>
        <ul className="mt-1 list-disc pl-5">
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </div>
      <TextField name="pin" label="New PIN" hint="See the rules above." secret numeric={digitsOnly} autoComplete="new-password" maxLength={maxLength + 16} narrow />
      <TextField name="pinConfirm" label="New PIN again, to confirm" secret numeric={digitsOnly} autoComplete="new-password" maxLength={maxLength + 16} narrow />
    </>
  )
}
