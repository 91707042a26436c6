import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from './parse-config'

const key = () => randomBytes(32).toString('base64')
const secrets = () => ({ SECRET_KEY: key(), HASH_PEPPER: key(), NEXTAUTH_SECRET: key() })

function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig({ env })
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({ env: secrets() })
    expect(config.databaseUrl).toBe('file:./data/portal.db')
    expect(config.databaseKind).toBe('sqlite')
    expect(config.appUrl).toBe('http://localhost:3000')
    expect(config.smtpUrl).toBeUndefined()
    expect(config.mailFrom).toBe('Token Portal <no-reply@localhost>')
    expect(config.port).toBe(3000)
    expect(config.mode).toBe('quick-start')
    expect(config.listenHosts).toEqual(['127.0.0.1', '::1'])
    expect(config.mailPreview).toBe(true)
    expect(config.trustedProxies).toEqual([])
    expect(config.hashPepper).toHaveLength(32)
    expect(config.maxInFlight).toBe(64)
    expect(config.maxLagMs).toBe(0)
    expect(config.mailLeaseMs).toBe(120_000)
    expect(config.mailRetryMs).toBe(30_000)
  })

  it('reads the load-shedding limit and the mail lease and retry delay, and names a bad one', () => {
    const config = parseConfig({ env: { ...secrets(), PORTAL_MAX_IN_FLIGHT: '0', PORTAL_MAX_LAG_MS: '250', PORTAL_MAIL_LEASE_SECONDS: '3', PORTAL_MAIL_RETRY_SECONDS: '1' } })
    expect(config).toMatchObject({ maxInFlight: 0, maxLagMs: 250, mailLeaseMs: 3000, mailRetryMs: 1000 })
    for (const [name, bad] of [
      ['PORTAL_MAX_IN_FLIGHT', '-1'],
      ['PORTAL_MAX_IN_FLIGHT', 'lots'],
      ['PORTAL_MAX_LAG_MS', '-5'],
      ['PORTAL_MAIL_LEASE_SECONDS', '0'],
      ['PORTAL_MAIL_LEASE_SECONDS', '1.5'],
      ['PORTAL_MAIL_RETRY_SECONDS', '7200'],
    ] as const) {
      expect(errorOf({ ...secrets(), [name]: bad }).message).toMatch(new RegExp(`^${name} must be`))
    }
  })

  it('selects PostgreSQL from the URL and strips a trailing slash from APP_URL', () => {
    const config = parseConfig({
      env: { ...secrets(), DATABASE_URL: 'postgresql://u:p@db:5432/portal', APP_URL: 'https://portal.example.com/' },
    })
    expect(config.databaseKind).toBe('postgresql')
    expect(config.appUrl).toBe('https://portal.example.com')
  })

  it('is quick-start (loopback only, /dev/mail) on localhost and a deployment anywhere else, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'production', 'test']) {
      const local = parseConfig({ env: { ...secrets(), NODE_ENV, APP_URL: 'http://127.0.0.1:4000' } })
      expect(local).toMatchObject({ mode: 'quick-start', listenHosts: ['127.0.0.1', '::1'], mailPreview: true })
      expect(parseConfig({ env: { ...secrets(), NODE_ENV, SMTP_URL: 'smtp://mail:25' } }).mailPreview).toBe(false)
      const deployed = parseConfig({ env: { ...secrets(), NODE_ENV, APP_URL: 'https://portal.example.com' } })
      expect(deployed).toMatchObject({ mode: 'deployment', listenHosts: ['::'], mailPreview: false })
      expect(parseConfig({ env: { ...secrets(), NODE_ENV, APP_URL: 'https://portal.example.com', HOST: '10.0.0.5' } }).listenHosts).toEqual(['10.0.0.5'])
      // Localhost in APP_URL but every interface in HOST: reachable from outside, so a deployment, never /dev/mail.
      expect(parseConfig({ env: { ...secrets(), NODE_ENV, HOST: '0.0.0.0' } })).toMatchObject({ mode: 'deployment', listenHosts: ['0.0.0.0'], mailPreview: false })
      expect(parseConfig({ env: { ...secrets(), NODE_ENV, HOST: '127.0.0.1' } })).toMatchObject({ mode: 'quick-start', listenHosts: ['127.0.0.1'], mailPreview: true })
    }
  })

  it('reads TRUSTED_PROXIES as addresses and CIDR ranges, and names a bad entry', () => {
    expect(parseConfig({ env: { ...secrets(), TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32' } }).trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32'])
    for (const bad of ['proxy.internal', '10.0.0.0/33', '2001:db8::/129', '10.0.0.1/8/1', '300.1.1.1']) {
      const error = errorOf({ ...secrets(), TRUSTED_PROXIES: `10.0.0.1, ${bad}` })
      expect(error.message).toContain('TRUSTED_PROXIES')
      expect(error.message).toContain(bad)
    }
  })

  it.each(['SECRET_KEY', 'HASH_PEPPER', 'NEXTAUTH_SECRET'] as const)(
    'refuses a deployment without %s, naming it in one line',
    (name) => {
      const env: Record<string, string | undefined> = { ...secrets(), APP_URL: 'https://portal.example.com' }
      delete env[name]
      const error = errorOf(env)
      expect(error.message).toContain(name)
      expect(error.message).toContain('required for a deployment')
      expect(error.message).not.toContain('\n')
    },
  )

  it('rejects a malformed key without echoing it', () => {
    const bad = 'c2hvcnQ=' // 5 bytes
    const error = errorOf({ ...secrets(), SECRET_KEY: bad })
    expect(error.message).toContain('SECRET_KEY')
    expect(error.message).not.toContain(bad)
    expect(errorOf({ ...secrets(), HASH_PEPPER: 'too-short' }).message).toContain('HASH_PEPPER')
    expect(errorOf({ ...secrets(), NEXTAUTH_SECRET: 'short' }).message).toContain('NEXTAUTH_SECRET')
  })

  it('accepts previous keys for rotation and rejects a malformed one', () => {
    const config = parseConfig({ env: { ...secrets(), SECRET_KEYS_PREVIOUS: `${key()}, ${key()}` } })
    expect(config.keyring.keys.size).toBe(3)
    expect(errorOf({ ...secrets(), SECRET_KEYS_PREVIOUS: 'nope' }).message).toMatch(/SECRET_KEYS_PREVIOUS|previous/i)
  })

  it('explains bad URLs, ports and databases', () => {
    expect(errorOf({ ...secrets(), APP_URL: 'ftp://x' }).message).toContain('APP_URL')
    expect(errorOf({ ...secrets(), SMTP_URL: 'http://mail' }).message).toContain('SMTP_URL')
    expect(errorOf({ ...secrets(), PORT: 'eighty' }).message).toContain('PORT')
    expect(errorOf({ ...secrets(), PORT: '70000' }).message).toContain('PORT')
    expect(errorOf({ ...secrets(), DATABASE_URL: 'mysql://x' }).message).toContain('DATABASE_URL')
  })

  it('tells a developer how to get missing keys', () => {
    expect(errorOf({}).message).toMatch(/SECRET_KEY is not set: run `npm start` once/)
  })
})
