import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { card, secondaryButton } from '@/components/ui'
import { getOutboxMessage } from '@/lib/mail'
import { assertDevMailAvailable } from '../dev-only'

export const metadata: Metadata = { title: 'Email (development)' }

export default async function DevMailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  assertDevMailAvailable()
  const { id } = await params
  const message = await getOutboxMessage({ id })
  if (!message) notFound()
  return (
    <section aria-labelledby="message-title" className={card}>
      <p>
        <Link href="/dev/mail" className="text-brand underline">
          ← All email
        </Link>
      </p>
      <h1 id="message-title" className="mt-3 text-2xl font-semibold tracking-tight break-words">
        {message.subject}
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">To</dt>
        <dd className="break-all">{message.to}</dd>
        <dt className="font-medium">Status</dt>
        <dd>
          {message.status.toLowerCase()} after {message.attempts} attempt(s)
          {message.lastResponse ? ` — server said: ${message.lastResponse}` : ''}
        </dd>
        <dt className="font-medium">Message-ID</dt>
        <dd className="break-all font-mono">{message.messageId}</dd>
        <dt className="font-medium">Template</dt>
        <dd>{message.template}</dd>
      </dl>
      <p className="mt-6">
        <a href={`/dev/mail/${message.id}/html`} className={secondaryButton}>
          View the HTML part
        </a>
      </p>
      <h2 className="mt-6 text-lg font-semibold">Plain-text part</h2>
      <pre className="mt-2 overflow-x-auto rounded-lg bg-slate-100 p-4 font-mono text-sm whitespace-pre-wrap break-words">{message.text}</pre>
    </section>
  )
}
