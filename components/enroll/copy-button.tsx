'use client'

import { useState, useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * Copies text to the clipboard and says so to screen readers. Rendered only
 * where the Clipboard API exists, so without JavaScript there is no button
 * that does nothing: the text itself stays selectable.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const canCopy = useSyncExternalStore(subscribe, () => typeof navigator !== 'undefined' && !!navigator.clipboard, () => false)
  const [status, setStatus] = useState('')
  if (!canCopy) return null
  return (
    <>
      <button
        type="button"
        className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-50"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text)
            setStatus('Copied to the clipboard.')
          } catch {
            setStatus('Could not copy. Select the text and copy it instead.')
          }
        }}
      >
        {label}
      </button>
      <span role="status" aria-live="polite" className="ml-3 text-sm text-slate-700">
        {status}
      </span>
    </>
  )
}
