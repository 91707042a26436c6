import { primaryButton } from './ui'

/**
 * "Send me a new link", "email me a sign-in link", "forgot my PIN": a
 * username or email address, a plain form that works without JavaScript.
 * The action comes from the page that owns the route.
 */
export function RequestLinkForm({ action, submitLabel, error }: { action: (formData: FormData) => Promise<void>; submitLabel: string; error?: string }) {
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      <div>
        <label htmlFor="identifier" className="block font-medium text-slate-900">
          Username or email address
        </label>
        <p id="identifier-hint" className="text-sm text-slate-600">
          The one you use to sign in at work.
        </p>
        <input
          id="identifier"
          name="identifier"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
          aria-describedby={error ? 'identifier-hint identifier-error' : 'identifier-hint'}
          aria-invalid={error ? true : undefined}
          className="mt-2 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
        />
        {error ? (
          <p id="identifier-error" role="alert" className="mt-2 font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className={primaryButton}>
        {submitLabel}
      </button>
    </form>
  )
}
