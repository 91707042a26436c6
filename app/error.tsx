'use client'

import { card, primaryButton } from '@/components/ui'

// Unexpected errors only: the message shown is generic on purpose; details
// are in the server log, never on the page.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section aria-labelledby="err-title" className={card}>
      <h1 id="err-title" className="text-2xl font-semibold tracking-tight">
        Something went wrong
      </h1>
      <p className="mt-3 text-slate-700">Nothing was changed. Please try again; if it keeps happening, contact your helpdesk.</p>
      <p className="mt-6">
        <button type="button" onClick={reset} className={primaryButton}>
          Try again
        </button>
      </p>
    </section>
  )
}
