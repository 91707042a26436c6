import 'server-only'
import { getDb } from '@/lib/db'
import { readMailBody } from './read-mail-body'

/** Newest first, for the development mail viewer. */
export async function listOutbox({ limit = 200 }: { limit?: number } = {}) {
  return getDb().outboxMessage.findMany({
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, to: true, subject: true, template: true, status: true, attempts: true, createdAt: true, sentAt: true, lastResponse: true },
  })
}

/** One message with its opened HTML and text parts, or null. */
export async function getOutboxMessage({ id }: { id: string }) {
  const message = await getDb().outboxMessage.findUnique({ where: { id } })
  if (!message) return null
  const { html, text } = readMailBody({ message })
  return {
    id: message.id,
    messageId: message.messageId,
    to: message.to,
    subject: message.subject,
    template: message.template,
    status: message.status,
    attempts: message.attempts,
    lastResponse: message.lastResponse,
    html,
    text,
  }
}
