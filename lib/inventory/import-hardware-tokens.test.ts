import { afterAll, describe, expect, it } from 'vitest'
import { dumpDatabase, setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { bytesToBase32 } from '@/lib/otp'
import { createSoftwareToken, readTokenSecret } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { importHardwareTokens } from './import-hardware-tokens'
import type { HardwareSeed, SeedFile } from './types'

const { file: dbFile } = setUpTempDatabase()
afterAll(() => disconnectDb())

const seed = (serial: string, secret: string, extra: Partial<HardwareSeed> = {}): HardwareSeed => ({
  serial,
  type: 'TOTP',
  secret: Buffer.from(secret),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  where: `line ${serial}`,
  ...extra,
})
const csv = (...seeds: HardwareSeed[]): SeedFile => ({ format: 'csv', seeds, skipped: [] })
const run = (file: SeedFile) => importHardwareTokens({ file, source: 'seeds.csv', actor: CLI_ACTOR })
const token = (serial: string) => getDb().token.findUniqueOrThrow({ where: { serial } })
const importEvents = () => getDb().auditEvent.findMany({ where: { action: 'inventory.imported' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })

describe('importing hardware tokens into inventory', () => {
  it('creates HARDWARE tokens in INVENTORY with no user, the seed sealed and bound to the serial, audited once', async () => {
    const summary = await run(csv(seed('HW-A', 'aaaaaaaaaaaaaaaaaaaa'), seed('HW-B', 'bbbbbbbbbbbbbbbbbbbb', { type: 'HOTP', digits: 8, counter: 7, algorithm: 'SHA256' })))
    expect(summary).toEqual({ format: 'csv', added: ['HW-A', 'HW-B'], unchanged: [], skipped: [] })
    const b = await token('HW-B')
    expect(b).toMatchObject({ origin: 'HARDWARE', status: 'INVENTORY', userId: null, type: 'HOTP', digits: 8, counter: 7, algorithm: 'SHA256' })
    expect(readTokenSecret({ token: b })).toBe(bytesToBase32(Buffer.from('bbbbbbbbbbbbbbbbbbbb')))
    // The sealed seed does not open under another serial.
    expect(() => readTokenSecret({ token: { ...b, serial: 'HW-A' } })).toThrow()

    const events = await importEvents()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ actorType: 'SYSTEM', actorLabel: 'cli', subjectType: 'inventory', subjectLabel: 'seeds.csv' })
    expect(JSON.parse(events[0]!.details!)).toEqual({ source: 'seeds.csv', format: 'csv', added: 2, unchanged: 0, skipped: 0 })
  })

  it('keeps no seed in the clear in the database', async () => {
    await run(csv(seed('HW-DUMP', 'dump-seed-0123456789')))
    const bytes = await dumpDatabase({ file: dbFile })
    const raw = Buffer.from('dump-seed-0123456789')
    for (const form of [raw, Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('base64')), Buffer.from(bytesToBase32(raw))]) expect(bytes.includes(form)).toBe(false)
    expect(bytes.includes(Buffer.from('HW-DUMP'))).toBe(true)
  })

  it('is idempotent by serial: importing the same file again changes nothing and says so', async () => {
    const before = await token('HW-A')
    const summary = await run(csv(seed('HW-A', 'aaaaaaaaaaaaaaaaaaaa'), seed('HW-C', 'cccccccccccccccccccc')))
    expect(summary).toEqual({ format: 'csv', added: ['HW-C'], unchanged: ['HW-A'], skipped: [] })
    expect(await token('HW-A')).toEqual(before)
    expect(JSON.parse((await importEvents()).at(-1)!.details!)).toMatchObject({ added: 1, unchanged: 1, skipped: 0 })
  })

  it('never changes an assigned or active token, nor a software token, nor an inventory token with another seed', async () => {
    const user = await addUser({ input: { username: 'hw-owner', email: 'hw-owner@example.com' }, actor: CLI_ACTOR })
    await getDb().token.update({ where: { serial: 'HW-B' }, data: { userId: user.id, status: 'ACTIVE', counter: 12 } })
    await getDb().token.update({ where: { serial: 'HW-C' }, data: { userId: user.id } })
    const software = await createSoftwareToken({ userId: user.id })
    const rows = await getDb().token.findMany({ orderBy: { serial: 'asc' } })

    const summary = await run(
      csv(
        seed('HW-B', 'a-new-seed-for-HW-B!', { type: 'HOTP', digits: 8 }),
        seed('HW-C', 'cccccccccccccccccccc'),
        seed(software.serial, 'software-serial-seed'),
        seed('HW-A', 'another-seed-for-A!!'),
        seed('HW-A', 'aaaaaaaaaaaaaaaaaaaa', { where: 'line again' }),
      ),
    )
    expect(summary.added).toEqual([])
    expect(summary.unchanged).toEqual([])
    expect(summary.skipped).toEqual([
      { where: 'line again', serial: 'HW-A', reason: 'the serial is also in line HW-A; the first one counts' },
      { where: 'line HW-B', serial: 'HW-B', reason: 'the token is active and assigned to a user; an import never changes it' },
      { where: 'line HW-C', serial: 'HW-C', reason: 'the token is inventory and assigned to a user; an import never changes it' },
      { where: `line ${software.serial}`, serial: software.serial, reason: 'the serial belongs to a software token; not changed' },
      { where: 'line HW-A', serial: 'HW-A', reason: 'already in inventory with a different seed or parameters; not changed' },
    ])
    expect(await getDb().token.findMany({ orderBy: { serial: 'asc' } })).toEqual(rows)
    expect(JSON.parse((await importEvents()).at(-1)!.details!)).toMatchObject({ added: 0, unchanged: 0, skipped: 5 })
  })

  it('lists what the file itself left out among the skipped, and audits an import that adds nothing', async () => {
    const summary = await importHardwareTokens({
      file: { format: 'pskc', seeds: [], skipped: [{ where: 'key package 2', serial: '987654321', reason: 'its algorithm "x" is not HOTP or TOTP' }] },
      source: 'vendor.pskcxml',
      actor: CLI_ACTOR,
    })
    expect(summary).toEqual({ format: 'pskc', added: [], unchanged: [], skipped: [{ where: 'key package 2', serial: '987654321', reason: 'its algorithm "x" is not HOTP or TOTP' }] })
    expect((await importEvents()).at(-1)).toMatchObject({ subjectLabel: 'vendor.pskcxml' })
  })
})
