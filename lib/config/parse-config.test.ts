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
    expect(config.isProductionDeployment).toBe(false)
    expect(config.hashPepper).toHaveLength(32)
  })

  it('selects PostgreSQL from the URL and strips a trailing slash from APP_URL', () => {
    const config = parseConfig({
      env: { ...secrets(), DATABASE_URL: 'postgresql://u:p@db:5432/portal', APP_URL: 'https://portal.example.com/' },
    })
    expect(config.databaseKind).toBe('postgresql')
    expect(config.appUrl).toBe('https://portal.example.com')
  })

  it('treats NODE_ENV=production on a real host as a production deployment', () => {
    const env = { ...secrets(), NODE_ENV: 'production', APP_URL: 'https://portal.example.com' }
    expect(parseConfig({ env }).isProductionDeployment).toBe(true)
    expect(parseConfig({ env: { ...env, APP_URL: 'http://localhost:3000' } }).isProductionDeployment).toBe(false)
    expect(parseConfig({ env: { ...env, APP_URL: 'http://127.0.0.1:4000' } }).isProductionDeployment).toBe(false)
  })

  it.each(['SECRET_KEY', 'HASH_PEPPER', 'NEXTAUTH_SECRET'] as const)(
    'refuses a production deployment without %s, naming it in one line',
    (name) => {
      const env: Record<string, string | undefined> = { ...secrets(), NODE_ENV: 'production', APP_URL: 'https://portal.example.com' }
      delete env[name]
      const error = errorOf(env)
      expect(error.message).toContain(name)
      expect(error.message).toContain('required in production')
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
