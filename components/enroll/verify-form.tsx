'use client'

import { useActionState } from 'react'
import { verifyAction, type VerifyState } from '@/app/(public)/enroll/[token]/actions'
import { primaryButton } from '../ui'
import { inputClass } from './field-errors'

/**
 * "Prove it works": the code the app shows. Works without JavaScript (the
 * form posts and the page comes back with the answer); with it, no reload.
 */
export function VerifyForm({ token, digits, type, triesLeft }: { token: string; digits: number; type: 'TOTP' | 'HOTP'; triesLeft: number }) {
  const [state, action, pending] = useActionState<VerifyState, FormData>(verifyAction, null)
  const remaining = state?.remaining ?? triesLeft
  const message =
    state?.error === 'wrong-code'
      ? `That code did not match. ${
          type === 'TOTP'
            ? 'Check that you typed the code for this account, and that your phone sets its clock automatically (Settings › Date & time).'
            : 'Check that you typed the code for this account; tap the account in the app for a fresh code.'
        } ${remaining === 1 ? 'You have 1 try left.' : `You have ${remaining} tries left.`}`
      : state?.error
  return (
    <form action={action} aria-busy={pending} className="mt-4 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="code" className="block font-medium text-slate-900">
          Code from your app
        </label>
        <p id="code-hint" className="text-sm text-slate-600">
          {digits} digits. Ignore the gap in the middle; spaces are fine.
        </p>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={digits + 4}
          required
          aria-describedby={message ? 'code-hint code-error' : 'code-hint'}
          aria-invalid={message ? true : undefined}
          className={`${inputClass} max-w-48 font-mono text-xl tracking-widest`}
        />
        {message ? (
          <p id="code-error" role="alert" className="mt-2 font-medium text-red-700">
            {message}
          </p>
        ) : null}
      </div>
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Checking…' : 'Check the code'}
      </button>
    </form>
  )
}
