import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureLocalSecrets } from './ensure-local-secrets'
import { parseConfig } from './parse-config'

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tp-env-'))

describe('ensureLocalSecrets', () => {
  it('writes the missing keys to .env.local once, and they parse', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, '.env.local'), 'PORT=4000')
    const env: Record<string, string | undefined> = {}
    expect(ensureLocalSecrets({ env, dir })).toEqual(['SECRET_KEY', 'HASH_PEPPER', 'NEXTAUTH_SECRET'])
    const file = fs.readFileSync(path.join(dir, '.env.local'), 'utf8')
    expect(file.startsWith('PORT=4000\n')).toBe(true)
    expect(file).toContain(`SECRET_KEY=${env.SECRET_KEY}`)
    expect(fs.statSync(path.join(dir, '.env.local')).mode & 0o077).toBe(0)
    expect(() => parseConfig({ env })).not.toThrow()
    // Second start: nothing missing, nothing written.
    expect(ensureLocalSecrets({ env, dir })).toEqual([])
    expect(fs.readFileSync(path.join(dir, '.env.local'), 'utf8')).toBe(file)
  })

  it('only fills what is missing', () => {
    const dir = tempDir()
    const env: Record<string, string | undefined> = { SECRET_KEY: 'kept' }
    expect(ensureLocalSecrets({ env, dir })).toEqual(['HASH_PEPPER', 'NEXTAUTH_SECRET'])
    expect(env.SECRET_KEY).toBe('kept')
  })

  it('never generates keys for a deployment, whatever NODE_ENV says', () => {
    const dir = tempDir()
    for (const env of [
      { NODE_ENV: 'production', APP_URL: 'https://portal.example.com' },
      { NODE_ENV: 'development', APP_URL: 'https://portal.example.com' },
      { APP_URL: 'http://portal.internal:3000' },
      // Localhost in APP_URL, but listening on every interface.
      { HOST: '0.0.0.0' },
    ]) {
      expect(ensureLocalSecrets({ env, dir }), JSON.stringify(env)).toEqual([])
    }
    expect(fs.existsSync(path.join(dir, '.env.local'))).toBe(false)
  })

  it('does generate them for `npm start` on localhost (NODE_ENV=production, local APP_URL)', () => {
    const dir = tempDir()
    expect(ensureLocalSecrets({ env: { NODE_ENV: 'production' }, dir })).toHaveLength(3)
  })
})
