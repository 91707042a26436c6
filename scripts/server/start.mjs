// The portal's HTTP server: Next.js behind a few lines of our own, started by
// `portal serve` (npm start, npm run dev) with the settings lib/config has
// already validated. It exists for what `next start` cannot do:
// - the client address is decided here, from the socket (and, only through
//   TRUSTED_PROXIES, from X-Forwarded-For), and handed to the application as
//   the one X-Forwarded-For value; Next.js alone keeps whatever header a
//   client sent, which let anyone choose their address for rate limits and
//   the audit log;
// - it listens on each address of PORTAL_LISTEN: loopback only in
//   quick-start mode, where /dev/mail may show live links;
// - it sheds load (shed-load.mjs): past PORTAL_MAX_IN_FLIGHT requests in
//   progress, or with the event loop PORTAL_MAX_LAG_MS behind, a new one is
//   answered 503 at once instead of waiting in a queue that grows for as
//   long as the overload lasts.
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import next from 'next'
import { clientAddressResolver } from './client-address.mjs'
import { loadShedder } from './shed-load.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dev = process.argv.includes('--dev')
const port = Number(process.env.PORT)
const hosts = (process.env.PORTAL_LISTEN ?? '127.0.0.1').split(',').filter(Boolean)

const app = next({ dev, dir: root, hostname: hosts[0] === '::' ? 'localhost' : hosts[0], port })
const handle = app.getRequestHandler()
await app.prepare()

const clientAddress = clientAddressResolver(process.env.TRUSTED_PROXIES ?? '')
// Not while developing: the first request to each page waits for it to compile.
const shedder = loadShedder({
  maxInFlight: dev ? 0 : Number(process.env.PORTAL_MAX_IN_FLIGHT ?? 64),
  maxLagMs: dev ? 0 : Number(process.env.PORTAL_MAX_LAG_MS ?? 0),
})
const onRequest = (request, response) => {
  if (!shedder.admit(request, response)) return
  request.headers['x-forwarded-for'] = clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'])
  handle(request, response)
}
const upgrade = dev ? app.getUpgradeHandler() : null

const servers = []
for (const host of hosts) {
  const server = http.createServer(onRequest)
  if (upgrade) server.on('upgrade', (request, socket, head) => upgrade(request, socket, head))
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve())
    })
    servers.push(server)
  } catch (error) {
    // A machine without IPv6 has no ::1; the IPv4 loopback is enough.
    if (host === '::1' && servers.length > 0 && ['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(error.code)) continue
    console.error(`Token Portal cannot listen on ${host}:${port}: ${error.message}`)
    process.exit(1)
  }
}
console.log(`Listening on ${servers.map((s) => { const a = s.address(); return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}` }).join(' and ')}.`)

const stop = () => {
  for (const server of servers) server.close()
  // Requests in flight get a moment; then the instrumentation's handlers (the
  // mail worker) have run and the process may end.
  setTimeout(() => process.exit(0), 3000).unref()
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
