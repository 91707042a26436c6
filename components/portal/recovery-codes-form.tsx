'use client'

import { useActionState } from 'react'
import { primaryButton, secondaryButton } from '../ui'

type State = { codes: string[] } | null

/**
 * Create (or replace) recovery codes and show them once: to copy, download
 * as a text file or print. Works without JavaScript (the page comes back
 * with the codes; printing is then the browser's own command).
 */
export function RecoveryCodesForm({
  action,
  submitLabel,
  replacing,
  hidden = {},
}: {
  action: (previous: State, formData: FormData) => Promise<State>
  submitLabel: string
  replacing: boolean
  hidden?: Record<string, string>
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null)
  if (state?.codes) {
    const text = `Recovery codes. Each works once, to sign in without your token.\n\n${state.codes.join('\n')}\n`
    return (
      <div className="mt-4">
        <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-3 font-medium text-green-900">
          Here are your new recovery codes. They are shown only now: save them somewhere safe, away from your phone.
        </p>
        <ol aria-label="Your recovery codes" className="mt-4 grid grid-cols-1 gap-2 font-mono text-lg sm:grid-cols-2">
          {state.codes.map((code) => (
            <li key={code} className="rounded bg-slate-100 px-3 py-2 tracking-wider">
              {code}
            </li>
          ))}
        </ol>
        <p className="mt-4 flex flex-wrap gap-3">
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="recovery-codes.txt" className={secondaryButton}>
            Download as a text file
          </a>
          <button type="button" onClick={() => window.print()} className={secondaryButton}>
            Print
          </button>
        </p>
      </div>
    )
  }
  return (
    <form action={formAction} aria-busy={pending} className="mt-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {replacing ? <p className="mb-3 text-slate-700">New codes replace the ones you have: those stop working at once.</p> : null}
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Creating…' : submitLabel}
      </button>
    </form>
  )
}
