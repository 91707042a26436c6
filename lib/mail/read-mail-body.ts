import 'server-only'
import { openSecret } from '@/lib/crypto'
import type { MailBody } from './queue-email'

/** Opens a queued message's sealed HTML and text parts. */
export function readMailBody({ message }: { message: { messageId: string; bodyCiphertext: string; bodyKeyId: string } }): MailBody {
  const json = openSecret({ keyId: message.bodyKeyId, ciphertext: message.bodyCiphertext, context: message.messageId })
  return JSON.parse(json.toString('utf8')) as MailBody
}
