import type { LinkState } from '@/lib/enrollment'
import { RequestLinkForm } from './request-link-form'
import { card } from './ui'

const PROBLEMS: Record<Exclude<LinkState, 'valid'>, { title: string; text: string }> = {
  expired: {
    title: 'This enrollment link has expired',
    text: 'Enrollment links work for a limited time to keep your account safe. Ask for a new one below; it takes a minute.',
  },
  used: {
    title: 'This enrollment link has already been used',
    text: 'A token was set up with it, and each link works only once. If you did not set up a token yourself, contact your helpdesk now. To set up another token, ask for a new link.',
  },
  revoked: {
    title: 'This enrollment link was replaced or cancelled',
    text: 'A newer link was sent to you, or the helpdesk cancelled this one. Use the link in your newest enrollment email, or ask for a new one below.',
  },
  locked: {
    title: 'This enrollment link is locked',
    text: 'Too many wrong codes or passcodes were entered with it, so it was locked to protect your account. Ask for a new link below.',
  },
  unknown: {
    title: 'We do not recognise this enrollment link',
    text: 'Check that you opened the whole link from the email: long links sometimes break across two lines. Or ask for a new one below.',
  },
}

/** The dead ends of an enrollment link: what happened, in plain words, and the way out. */
export function LinkProblem({
  state,
  settingsAllowRequest,
  supportContact,
  requestAction,
}: {
  state: Exclude<LinkState, 'valid'>
  settingsAllowRequest: boolean
  supportContact: string
  /** "Send me a new link", from the page that owns the route. */
  requestAction: (formData: FormData) => Promise<void>
}) {
  const problem = PROBLEMS[state]
  return (
    <section aria-labelledby="problem-title" className={card}>
      <h1 id="problem-title" className="text-2xl font-semibold tracking-tight">
        {problem.title}
      </h1>
      <p className="mt-3 text-slate-700">{problem.text}</p>
      {settingsAllowRequest ? (
        <>
          <h2 className="mt-6 text-lg font-semibold">Send me a new link</h2>
          <RequestLinkForm action={requestAction} submitLabel="Send me a new link" />
        </>
      ) : (
        <p className="mt-3 text-slate-700">Contact {supportContact} for a new link.</p>
      )}
    </section>
  )
}
