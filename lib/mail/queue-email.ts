import 'server-only'
import { randomBytes } from 'node:crypto'
import type { Prisma } from '@/generated/prisma/client'
import { renderEmail, type Brand, type EmailProps, type EmailTemplate } from '@/emails'
import { recordAuditEvent, type AuditActor } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { sealSecret } from '@/lib/crypto'

export type MailBody = { html: string; text: string }

/**
 * Writes an email to the outbox inside the caller's transaction, so the mail
 * exists if and only if the change that caused it does. The worker delivers
 * it later. Bodies are sealed: an invitation carries a live link.
 */
export async function queueEmail<T extends EmailTemplate>({
  tx,
  to,
  template,
  brand,
  props,
  actor,
}: {
  tx: Prisma.TransactionClient
  to: string
  template: T
  brand: Brand
  props: EmailProps[T]
  actor: AuditActor
}): Promise<{ id: string; messageId: string }> {
  const rendered = renderEmail(template, brand, props)
  const host = new URL(getConfig().appUrl).hostname
  // Stable for the life of the message: a retry after a crash is recognisably the same mail.
  const messageId = `<${randomBytes(16).toString('hex')}@${host}>`
  const body: MailBody = { html: rendered.html, text: rendered.text }
  const sealed = sealSecret({ plaintext: JSON.stringify(body), context: messageId })
  const message = await tx.outboxMessage.create({
    data: {
      messageId,
      to,
      subject: rendered.subject,
      template,
      bodyCiphertext: sealed.ciphertext,
      bodyKeyId: sealed.keyId,
    },
    select: { id: true, messageId: true },
  })
  await recordAuditEvent({
    tx,
    action: 'mail.queued',
    actor,
    subject: { type: 'email', id: message.id, label: to },
    details: { template },
  })
  return message
}
