import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { resetConfigForTests } from '@/lib/config'
import { disconnectDb } from '@/lib/db'
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
