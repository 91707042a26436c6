// A counting SMTP sink in its own process, so the benchmark measures the
// portal's sending, not a sink sharing its event loop. Reports over IPC.
import { startSmtpSink } from '../../test/smtp-sink'

let received = 0
const sink = await startSmtpSink({ onMessage: () => void process.send?.({ received: ++received }) })
process.send?.({ port: sink.port })
process.on('disconnect', () => void sink.close().then(() => process.exit(0)))
