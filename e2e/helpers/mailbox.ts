import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { serverEnv } from '../server-env'

export type ReceivedMail = { to: string; subject: string; text: string; html: string; messageId: string; from: string }

/** Every message the SMTP sink received, oldest first. */
export async function allMail(): Promise<ReceivedMail[]> {
  const { mailDir } = serverEnv()
  if (!fs.existsSync(mailDir)) return []
  const files = fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort()
  return Promise.all(
    files.map(async (f) => {
      const mail = await simpleParser(fs.readFileSync(path.join(mailDir, f)))
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '')
      return {
        to,
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        html: typeof mail.html === 'string' ? mail.html : '',
        messageId: mail.messageId ?? '',
        from: mail.from?.text ?? '',
      }
    }),
  )
}

/** Mail the SMTP sink received for one address, oldest first. */
export async function mailFor(address: string): Promise<ReceivedMail[]> {
  return (await allMail()).filter((m) => m.to.toLowerCase() === address.toLowerCase())
}

/** Waits until `address` has received `count` messages (matching `subject` if given) and returns the newest. */
export async function waitForMail(address: string, { subject, count = 1, timeout = 20_000 }: { subject?: RegExp; count?: number; timeout?: number } = {}): Promise<ReceivedMail> {
  const deadline = Date.now() + timeout
  for (;;) {
    const mails = (await mailFor(address)).filter((m) => !subject || subject.test(m.subject))
    if (mails.length >= count) return mails[mails.length - 1]!
    if (Date.now() > deadline) throw new Error(`no ${count > 1 ? `${count} messages` : 'message'} for ${address} within ${timeout} ms (got ${mails.length})`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** The enrollment link in a message's plain-text part. */
export function enrollmentLinkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/enroll\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0]
  if (!link) throw new Error(`no enrollment link in "${mail.subject}"`)
  return link
}
