import 'server-only'
import { randomBytes, randomUUID } from 'node:crypto'
import type { Prisma } from '@/generated/prisma/client'
import { renderEmail, type Brand, type EmailProps, type EmailTemplate } from '@/emails'
import { auditEventData, type AuditActor } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { sealSecret } from '@/lib/crypto'

export type MailBody = { html: string; text: string }
export type PreparedEmail = Prisma.OutboxMessageCreateManyInput & { id: string; messageId: string }

/** Renders and seals one email, ready for the outbox. Bodies are sealed: an invitation carries a live link. */
export function prepareEmail<T extends EmailTemplate>({
  to,
  template,
  brand,
  props,
}: {
  to: string
  template: T
  brand: Brand
  props: EmailProps[T]
}): PreparedEmail {
  const rendered = renderEmail(template, brand, props)
  // Stable for the life of the message: a retry is recognisably the same mail.
  const messageId = `<${randomBytes(16).toString('hex')}@${new URL(getConfig().appUrl).hostname}>`
  const body: MailBody = { html: rendered.html, text: rendered.text }
  const sealed = sealSecret({ plaintext: JSON.stringify(body), context: messageId })
  return {
    id: randomUUID(),
    messageId,
    to,
    subject: rendered.subject,
    template,
    bodyCiphertext: sealed.ciphertext,
    bodyKeyId: sealed.keyId,
  }
}

/**
 * Writes emails to the outbox inside the caller's transaction, so a mail
 * exists if and only if the change that caused it does; the worker delivers
 * it later. Two statements however many emails: bulk invitations stay fast.
 */
export async function queueEmails({ tx, emails, actor }: { tx: Prisma.TransactionClient; emails: PreparedEmail[]; actor: AuditActor }): Promise<void> {
  if (emails.length === 0) return
  await tx.outboxMessage.createMany({ data: emails })
  await tx.auditEvent.createMany({
    data: emails.map((e) => auditEventData({ action: 'mail.queued', actor, subject: { type: 'email', id: e.id, label: e.to }, details: { template: e.template } })),
  })
}

/** One email; see queueEmails. */
export async function queueEmail<T extends EmailTemplate>({
  tx,
  actor,
  ...email
}: {
  tx: Prisma.TransactionClient
  to: string
  template: T
  brand: Brand
  props: EmailProps[T]
  actor: AuditActor
}): Promise<{ id: string; messageId: string }> {
  const prepared = prepareEmail(email)
  await queueEmails({ tx, emails: [prepared], actor })
  return { id: prepared.id, messageId: prepared.messageId }
}
