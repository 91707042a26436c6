import { isIP } from 'node:net'
import { z } from 'zod'
import { parseKeyring, parsePepper, type Keyring } from '@/lib/crypto/keyring'
import { databaseKind, resolveDatabaseUrl, type DatabaseKind } from '@/lib/db/database-url'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type Config = {
  /**
   * "quick-start": APP_URL on localhost and the server on the loopback
   * interface only: secrets may be generated into .env.local, and without
   * SMTP_URL mail stays in the outbox at /dev/mail. "deployment": anything
   * else, whatever NODE_ENV says: secrets are required, no /dev/mail.
   */
  mode: 'quick-start' | 'deployment'
  /** Addresses the server listens on: loopback in quick-start mode, else HOST or every interface. */
  listenHosts: string[]
  /** Reverse proxies whose X-Forwarded-For is believed (addresses and CIDR ranges, validated). */
  trustedProxies: string[]
  /** /dev/mail: quick-start mode without SMTP_URL. */
  mailPreview: boolean
  databaseUrl: string
  databaseKind: DatabaseKind
  /** Public base URL without a trailing slash, used in emails. */
  appUrl: string
  /** Unset: mail stays in the local outbox (viewable at /dev/mail outside production). */
  smtpUrl: string | undefined
  mailFrom: string
  port: number
  keyring: Keyring
  hashPepper: Buffer
  nextAuthSecret: string
  /** Requests in progress past which a new one is answered 503 at once (scripts/server/shed-load.mjs); 0: no limit. */
  maxInFlight: number
  /** How late the event loop may run before a new request is answered 503 at once (requests waiting unread); 0: no limit. */
  maxLagMs: number
  /** How long a mail worker's claim on a message lasts without a heartbeat: after a crash, how long its messages wait. */
  mailLeaseMs: number
  /** The first retry of a message the SMTP server did not take; each further one waits twice as long, up to an hour. */
  mailRetryMs: number
}

function wholeNumber(name: string, { min, max }: { min: number; max: number }) {
  return z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`)
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

const ZEnv = z.object({
  NODE_ENV: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  APP_URL: z
    .url({ protocol: /^https?$/, error: 'APP_URL must be an http:// or https:// URL' })
    .default('http://localhost:3000'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'SMTP_URL must look like smtp://user:pass@host:port' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default('Token Portal <no-reply@localhost>'),
  PORT: z.coerce
    .number({ error: 'PORT must be a number' })
    .int()
    .min(1, 'PORT must be between 1 and 65535')
    .max(65535, 'PORT must be between 1 and 65535')
    .default(3000),
  SECRET_KEY: z.string().optional(),
  SECRET_KEYS_PREVIOUS: z.string().optional(),
  HASH_PEPPER: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  HOST: z.string().trim().optional(),
  TRUSTED_PROXIES: z.string().optional(),
  PORTAL_MAX_IN_FLIGHT: wholeNumber('PORTAL_MAX_IN_FLIGHT', { min: 0, max: 100_000 }).default(64),
  PORTAL_MAX_LAG_MS: wholeNumber('PORTAL_MAX_LAG_MS', { min: 0, max: 60_000 }).default(0),
  PORTAL_MAIL_LEASE_SECONDS: wholeNumber('PORTAL_MAIL_LEASE_SECONDS', { min: 1, max: 3600 }).default(120),
  PORTAL_MAIL_RETRY_SECONDS: wholeNumber('PORTAL_MAIL_RETRY_SECONDS', { min: 1, max: 3600 }).default(30),
})

export function isLocalUrl(appUrl: string): boolean {
  return LOCAL_HOSTS.has(new URL(appUrl).hostname)
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)

/** Quick-start mode (see Config.mode): decided by APP_URL and HOST alone. */
export function isQuickStart(env: { APP_URL?: string; HOST?: string }): boolean {
  const host = env.HOST?.trim()
  return isLocalUrl(env.APP_URL?.trim() || 'http://localhost:3000') && (!host || isLoopback(host))
}

/** TRUSTED_PROXIES: comma-separated IPv4/IPv6 addresses or CIDR ranges. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/')
    const family = isIP(address)
    const max = family === 6 ? 128 : 32
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max)
    if (!family || !validBits || rest.length) throw new ConfigError(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range such as 10.0.0.0/8`)
  }
  return entries
}

/**
 * Parses the environment into a typed Config. Every failure is a ConfigError
 * whose one-line message names the variable and never repeats its value.
 */
export function parseConfig({ env }: { env: Record<string, string | undefined> }): Config {
  const parsed = ZEnv.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue?.path[0] ?? 'environment')
    const message = issue?.message ?? 'is invalid'
    throw new ConfigError(message.includes(name) ? message : `${name} ${message}`)
  }
  const e = parsed.data
  const appUrl = e.APP_URL.replace(/\/+$/, '')
  const quickStart = isQuickStart({ APP_URL: appUrl, HOST: e.HOST })
  const databaseUrl = resolveDatabaseUrl(e.DATABASE_URL)

  const hint = quickStart ? 'run `npm start` once to generate it into .env.local' : 'it is required for a deployment (APP_URL is not on localhost, or HOST is not loopback)'
  const required = (name: 'SECRET_KEY' | 'HASH_PEPPER' | 'NEXTAUTH_SECRET'): string => {
    const value = e[name]?.trim()
    if (!value) throw new ConfigError(`${name} is not set: ${hint} (generate one with \`openssl rand -base64 32\`)`)
    return value
  }

  let kind: DatabaseKind
  try {
    kind = databaseKind(databaseUrl)
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }

  const keyring = wrap(() =>
    parseKeyring({
      current: required('SECRET_KEY'),
      previous: (e.SECRET_KEYS_PREVIOUS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    }),
  )
  const hashPepper = wrap(() => parsePepper(required('HASH_PEPPER')))
  const nextAuthSecret = required('NEXTAUTH_SECRET')
  if (nextAuthSecret.length < 32) throw new ConfigError('NEXTAUTH_SECRET must be at least 32 characters')

  const trustedProxies = parseTrustedProxies(e.TRUSTED_PROXIES)
  return {
    mode: quickStart ? 'quick-start' : 'deployment',
    listenHosts: e.HOST ? [e.HOST] : quickStart ? ['127.0.0.1', '::1'] : ['::'],
    trustedProxies,
    mailPreview: quickStart && !e.SMTP_URL,
    databaseUrl,
    databaseKind: kind,
    appUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    port: e.PORT,
    keyring,
    hashPepper,
    nextAuthSecret,
    maxInFlight: e.PORTAL_MAX_IN_FLIGHT,
    maxLagMs: e.PORTAL_MAX_LAG_MS,
    mailLeaseMs: e.PORTAL_MAIL_LEASE_SECONDS * 1000,
    mailRetryMs: e.PORTAL_MAIL_RETRY_SECONDS * 1000,
  }
}

function wrap<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError((error as Error).message)
  }
}
