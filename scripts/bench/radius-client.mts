// A small RADIUS client for bench:radius's latency run: radclient measures
// throughput at a fixed concurrency but reports no per-request times, and
// cannot send on a fixed schedule. Access-Request only, PAP (RFC 2865
// §5.2), with a Message-Authenticator (RFC 3579 §3.2); every answer's
// Response Authenticator and Message-Authenticator are checked, so a reply
// that was not signed with our secret is never counted.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import dgram from 'node:dgram'

const ACCESS_REQUEST = 1
const CODES: Record<number, 'Access-Accept' | 'Access-Reject' | 'Access-Challenge'> = { 2: 'Access-Accept', 3: 'Access-Reject', 11: 'Access-Challenge' }
const ATTRIBUTES = { 'User-Name': 1, 'User-Password': 2, 'NAS-IP-Address': 4, 'Calling-Station-Id': 31, 'Message-Authenticator': 80 } as const

export type AccessRequest = { username: string; password: string; callingStationId?: string; nasIpAddress?: string }
export type RadiusReply = { code: 'Access-Accept' | 'Access-Reject' | 'Access-Challenge' | 'timeout'; ms: number }

const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest()

function attribute(type: number, value: Buffer): Buffer {
  if (value.length > 253) throw new Error(`RADIUS attribute ${type} is longer than 253 bytes`)
  return Buffer.concat([Buffer.from([type, value.length + 2]), value])
}

/** RFC 2865 §5.2: the password, padded to 16-byte blocks, XORed with a chain of MD5s of the secret. */
function hidePassword(password: string, secret: Buffer, authenticator: Buffer): Buffer {
  const plain = Buffer.from(password, 'utf8')
  const padded = Buffer.alloc(Math.max(16, Math.ceil(plain.length / 16) * 16))
  plain.copy(padded)
  const hidden = Buffer.alloc(padded.length)
  let previous = authenticator
  for (let i = 0; i < padded.length; i += 16) {
    const key = md5(secret, previous)
    for (let j = 0; j < 16; j++) hidden[i + j] = padded[i + j]! ^ key[j]!
    previous = hidden.subarray(i, i + 16)
  }
  return hidden
}

function encodeAccessRequest(id: number, request: AccessRequest, secret: Buffer): { packet: Buffer; authenticator: Buffer } {
  const authenticator = randomBytes(16)
  const parts = [
    attribute(ATTRIBUTES['Message-Authenticator'], Buffer.alloc(16)),
    attribute(ATTRIBUTES['User-Name'], Buffer.from(request.username, 'utf8')),
    attribute(ATTRIBUTES['User-Password'], hidePassword(request.password, secret, authenticator)),
    ...(request.callingStationId ? [attribute(ATTRIBUTES['Calling-Station-Id'], Buffer.from(request.callingStationId, 'utf8'))] : []),
    ...(request.nasIpAddress ? [attribute(ATTRIBUTES['NAS-IP-Address'], Buffer.from(request.nasIpAddress.split('.').map(Number)))] : []),
  ]
  const body = Buffer.concat(parts)
  const packet = Buffer.concat([Buffer.from([ACCESS_REQUEST, id, 0, 0]), authenticator, body])
  packet.writeUInt16BE(packet.length, 2)
  // The Message-Authenticator is first: its value sits at bytes 22..37.
  createHmac('md5', secret).update(packet).digest().copy(packet, 22)
  return { packet, authenticator }
}

/** Checks a reply's signatures against the request it answers; its code, or null when it is not ours. */
function decodeReply(reply: Buffer, requestAuthenticator: Buffer, secret: Buffer): RadiusReply['code'] | null {
  if (reply.length < 20 || reply.readUInt16BE(2) !== reply.length) return null
  const expected = md5(reply.subarray(0, 4), requestAuthenticator, reply.subarray(20), secret)
  if (!expected.equals(reply.subarray(4, 20))) return null
  for (let offset = 20; offset + 2 <= reply.length; offset += reply[offset + 1]!) {
    const length = reply[offset + 1]!
    if (length < 2) return null
    if (reply[offset] !== ATTRIBUTES['Message-Authenticator']) continue
    const copy = Buffer.from(reply)
    requestAuthenticator.copy(copy, 4)
    copy.fill(0, offset + 2, offset + 18)
    if (!createHmac('md5', secret).update(copy).digest().equals(reply.subarray(offset + 2, offset + 18))) return null
  }
  return CODES[reply[0]!] ?? null
}

/**
 * Sends Access-Requests to one server over a few UDP sockets (each carries
 * at most 256 outstanding ids) and resolves each with its reply code and
 * round-trip time, or 'timeout'. No retransmission: a lost packet is lost.
 */
export async function openRadiusClient({ host = '127.0.0.1', port, secret, sockets = 4, timeoutMs = 5000 }: { host?: string; port: number; secret: string; sockets?: number; timeoutMs?: number }) {
  const key = Buffer.from(secret, 'utf8')
  type Pending = { authenticator: Buffer; started: number; timer: NodeJS.Timeout; resolve: (reply: RadiusReply) => void }
  const channels = await Promise.all(
    Array.from({ length: sockets }, async () => {
      const socket = dgram.createSocket('udp4')
      const pending = new Map<number, Pending>()
      socket.on('message', (message) => {
        const waiting = pending.get(message[1]!)
        if (!waiting) return
        const code = decodeReply(message, waiting.authenticator, key)
        if (!code) return
        pending.delete(message[1]!)
        clearTimeout(waiting.timer)
        waiting.resolve({ code, ms: performance.now() - waiting.started })
      })
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
      return { socket, pending, nextId: 0 }
    }),
  )
  let turn = 0
  return {
    /** Sends one request now; `from` (a performance.now() time) is where its latency is counted from. */
    send(request: AccessRequest, from = performance.now()): Promise<RadiusReply> {
      const channel = channels[turn++ % channels.length]!
      let id = channel.nextId
      for (let tries = 0; channel.pending.has(id); tries++) {
        if (tries > 255) return Promise.reject(new Error('more than 256 requests outstanding on one socket: open more sockets'))
        id = (id + 1) % 256
      }
      channel.nextId = (id + 1) % 256
      const { packet, authenticator } = encodeAccessRequest(id, request, key)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          channel.pending.delete(id)
          resolve({ code: 'timeout', ms: performance.now() - from })
        }, timeoutMs)
        channel.pending.set(id, { authenticator, started: from, timer, resolve })
        channel.socket.send(packet, port, host)
      })
    },
    close() {
      for (const channel of channels) {
        for (const waiting of channel.pending.values()) clearTimeout(waiting.timer)
        channel.socket.close()
      }
    },
  }
}
