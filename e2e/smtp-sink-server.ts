// The e2e mail sink: an SMTP server that writes each accepted message to
// SMTP_SINK_DIR as an .eml file, where the mailbox fixture reads it.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { startSmtpSink } from '../test/smtp-sink'

const dir = process.env.SMTP_SINK_DIR
const port = Number(process.env.SMTP_SINK_PORT)
if (!dir || !port) throw new Error('SMTP_SINK_DIR and SMTP_SINK_PORT are required')
fs.mkdirSync(dir, { recursive: true })

void startSmtpSink({
  port,
  // A slow relay (multi-instance tests): a batch takes long enough that every worker gets a share.
  delayMs: Number(process.env.SMTP_SINK_DELAY_MS ?? 0),
  onMessage(message) {
    const name = `${Date.now()}-${randomBytes(4).toString('hex')}.eml`
    // Write then rename, so a reader never sees half a message.
    fs.writeFileSync(path.join(dir, `${name}.tmp`), message.raw)
    fs.renameSync(path.join(dir, `${name}.tmp`), path.join(dir, name))
  },
}).then(() => console.log(`SMTP sink listening on 127.0.0.1:${port}, writing to ${dir}`))
