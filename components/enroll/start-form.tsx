import { primaryButton } from '../ui'
import { inputClass } from './field-errors'

export type StartProblem = 'type' | 'proof' | 'passcode' | null

/**
 * Start, or "start again here": a plain form (no JavaScript needed). When
 * the link would replace a working token and was asked for from the
 * sign-in page, it first asks for a passcode of that token (proof of
 * possession). Its server action comes from the page that owns the route.
 */
export function StartForm({
  action,
  token,
  types,
  proof,
  restart,
  problem,
  proofError,
  submitLabel,
}: {
  action: (formData: FormData) => Promise<void>
  token: string
  types: ('TOTP' | 'HOTP')[]
  /** Ask for a passcode of the current token first. */
  proof: boolean
  restart: boolean
  problem: StartProblem
  /** What went wrong with the passcode, in full (tries left, a lock). */
  proofError?: string
  submitLabel: string
}) {
  const passcodeError = problem === 'passcode' ? 'Type a passcode: your PIN followed by the code your app shows now.' : problem === 'proof' ? proofError : undefined
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      {restart ? <input type="hidden" name="restart" value="yes" /> : null}
      {proof ? (
        <div>
          <label htmlFor="passcode" className="block font-medium text-slate-900">
            Passcode from your current token
          </label>
          <p id="passcode-hint" className="text-sm text-slate-600">
            Your PIN followed by the code your app shows now, with no space, as when you sign in to VPN. Or one of your recovery
            codes.
          </p>
          {passcodeError ? (
            <p id="passcode-error" role="alert" className="mt-2 font-medium text-red-700">
              {passcodeError}
            </p>
          ) : null}
          <input
            id="passcode"
            name="passcode"
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={72}
            required
            aria-describedby={passcodeError ? 'passcode-hint passcode-error' : 'passcode-hint'}
            aria-invalid={passcodeError ? true : undefined}
            className={inputClass}
          />
        </div>
      ) : null}
      {types.length === 1 ? <input type="hidden" name="type" value={types[0]} /> : null}
      {types.length > 1 ? (
        <fieldset>
          <legend className="font-medium text-slate-900">Kind of token</legend>
          {problem === 'type' ? (
            <p role="alert" className="mt-1 font-medium text-red-700">
              Choose one of the kinds below.
            </p>
          ) : null}
          <div className="mt-2 space-y-2">
            <label className="flex min-h-11 items-start gap-3">
              <input type="radio" name="type" value="TOTP" defaultChecked className="mt-1 h-5 w-5" />
              <span>
                <strong>Time-based</strong> (recommended): a new code every 30 seconds.
              </span>
            </label>
            <label className="flex min-h-11 items-start gap-3">
              <input type="radio" name="type" value="HOTP" className="mt-1 h-5 w-5" />
              <span>
                <strong>Counter-based</strong>: a new code each time you ask the app for one. For phones whose clock is often wrong.
              </span>
            </label>
          </div>
        </fieldset>
      ) : null}
      <button type="submit" className={primaryButton}>
        {submitLabel}
      </button>
    </form>
  )
}
