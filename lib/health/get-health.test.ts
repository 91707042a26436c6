import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { resetConfigForTests } from '@/lib/config'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'
import { getHealth } from './get-health'

const { dir } = setUpTempDatabase()
afterEach(async () => {
  await disconnectDb()
  resetConfigForTests()
  delete process.env.SMTP_URL
})

describe('getHealth', () => {
  it('is ok with the local outbox when SMTP_URL is unset', async () => {
    expect(await getHealth()).toEqual({ status: 'ok', database: 'ok', mail: 'outbox' })
  })

  it('reports mail as ok when an SMTP server is configured', async () => {
    process.env.SMTP_URL = 'smtp://mail.example.com:25'
    expect(await getHealth()).toEqual({ status: 'ok', database: 'ok', mail: 'ok' })
  })

  it('reports mail as degraded while a failed delivery waits for its retry, and ok once it is sent', async () => {
    process.env.SMTP_URL = 'smtp://mail.example.com:25'
    const brand = brandFromSettings(await getSettings())
    await getDb().$transaction((tx) =>
      queueEmail({ tx, to: 'a@example.com', template: 'token-enrolled', brand, props: { name: 'A', tokenName: 't', serial: 'TP1', at: new Date() }, actor: CLI_ACTOR }),
    )
    // Queued, never tried: nothing is wrong yet.
    expect((await getHealth({ now: 1_000_000 })).mail).toBe('ok')
    const id = (await getDb().outboxMessage.findFirstOrThrow({ select: { id: true } })).id
    await getDb().outboxMessage.update({ where: { id }, data: { attempts: 1, lastResponse: 'connect ECONNREFUSED' } })
    // Read again only after the cache's second: polling costs one query a second.
    expect((await getHealth({ now: 1_000_500 })).mail).toBe('ok')
    expect(await getHealth({ now: 1_001_000 })).toEqual({ status: 'ok', database: 'ok', mail: 'degraded' })
    await getDb().outboxMessage.update({ where: { id }, data: { status: 'SENT' } })
    expect((await getHealth({ now: 1_002_000 })).mail).toBe('ok')
  })

  it('is unavailable when the database cannot be opened', async () => {
    const saved = process.env.DATABASE_URL
    // A directory where the database file should be: SQLite cannot open it.
    const blocked = path.join(dir, 'blocked.db')
    fs.mkdirSync(blocked)
    process.env.DATABASE_URL = `file:${blocked}`
    try {
      expect(await getHealth()).toEqual({ status: 'unavailable', database: 'unreachable', mail: 'outbox' })
    } finally {
      process.env.DATABASE_URL = saved
    }
  })
})
