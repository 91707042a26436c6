import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb, getDb } from '@/lib/db'
import { exportAuditEvents } from './export-audit-events'
import { listAuditEvents } from './list-audit-events'
import { auditCursorToken, ZAuditFilters, ZAuditPageQuery, type AuditCursor } from './schemas'

setUpTempDatabase()
afterAll(() => disconnectDb())

const filters = (f: Partial<Record<'user' | 'staff' | 'action' | 'from' | 'to', string>> = {}) => ZAuditFilters.parse(f)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute))
let ann: { id: string; tokenIds: string[] }
let helper: string

beforeAll(async () => {
  const db = getDb()
  const user = await db.user.create({ data: { username: 'ann', email: 'ann@example.com' } })
  const other = await db.user.create({ data: { username: 'bob', email: 'bob@example.com' } })
  const tokens = await Promise.all(
    ['TPA1', 'TPA2', 'TPB1'].map((serial, i) => db.token.create({ data: { serial, userId: i < 2 ? user.id : other.id, secretCiphertext: 'x', secretKeyId: 'k' } })),
  )
  ann = { id: user.id, tokenIds: [tokens[0]!.id, tokens[1]!.id] }
  helper = (await db.staffUser.create({ data: { username: 'hd1', email: 'hd1@example.com', role: 'HELPDESK' } })).id
  // 120 events a minute apart: about ann (user, token 1, token 2), about bob's token, and staff sign-ins.
  const rows = Array.from({ length: 120 }, (_, i) => {
    const kind = i % 4
    const subject = [
      { subjectType: 'user', subjectId: user.id, subjectLabel: 'ann' },
      { subjectType: 'token', subjectId: tokens[i % 8 < 4 ? 0 : 1]!.id, subjectLabel: 'TPA' },
      { subjectType: 'token', subjectId: tokens[2]!.id, subjectLabel: 'TPB1' },
      { subjectType: 'staff', subjectId: helper, subjectLabel: 'hd1' },
    ][kind]!
    return {
      id: `e${String(i).padStart(3, '0')}`,
      at: at(i),
      action: ['user.created', 'token.locked', 'validate.rejected', 'staff.signed-in'][kind]!,
      actorType: kind === 3 ? ('STAFF' as const) : ('SYSTEM' as const),
      actorId: kind === 3 || i % 10 === 1 ? helper : null,
      actorLabel: kind === 3 ? 'hd1' : 'system',
      ...subject,
    }
  })
  await db.auditEvent.createMany({ data: rows })
})

const ids = (page: { events: { id: string }[] }) => page.events.map((e) => e.id)

describe('listAuditEvents', () => {
  it('lists newest first, 50 a page, and pages older and newer by (at, id)', async () => {
    const first = await listAuditEvents({ filters: filters() })
    expect(first.events).toHaveLength(50)
    expect(first.events[0]!.id).toBe('e119')
    expect(first).toMatchObject({ hasOlder: true, hasNewer: false, unknown: null })
    const cursorOf = (e: { at: Date; id: string }, direction: AuditCursor['direction']) => ({ at: e.at, id: e.id, direction })
    const second = await listAuditEvents({ filters: filters(), cursor: cursorOf(first.events.at(-1)!, 'older') })
    expect(second.events[0]!.id).toBe('e069')
    expect(second).toMatchObject({ hasOlder: true, hasNewer: true })
    const third = await listAuditEvents({ filters: filters(), cursor: cursorOf(second.events.at(-1)!, 'older') })
    expect(ids(third)).toEqual(Array.from({ length: 20 }, (_, i) => `e${String(19 - i).padStart(3, '0')}`))
    expect(third).toMatchObject({ hasOlder: false, hasNewer: true })
    const back = await listAuditEvents({ filters: filters(), cursor: cursorOf(third.events[0]!, 'newer') })
    expect(ids(back)).toEqual(ids(second))
    const top = await listAuditEvents({ filters: filters(), cursor: cursorOf(back.events[0]!, 'newer') })
    expect(ids(top)).toEqual(ids(first))
    expect(top).toMatchObject({ hasOlder: true, hasNewer: false })
  })

  it('breaks ties of time by id, so no event is skipped or shown twice', async () => {
    await getDb().auditEvent.createMany({ data: ['t1', 't2', 't3'].map((id) => ({ id, at: at(200), action: 'tie.test', actorType: 'SYSTEM' as const })) })
    const a = await listAuditEvents({ filters: filters({ action: 'tie.' }), limit: 2 })
    expect(ids(a)).toEqual(['t3', 't2'])
    const b = await listAuditEvents({ filters: filters({ action: 'tie.' }), limit: 2, cursor: { at: at(200), id: 't2', direction: 'older' } })
    expect(ids(b)).toEqual(['t1'])
    await getDb().auditEvent.deleteMany({ where: { action: 'tie.test' } })
  })

  it('filters by user: events about the user or one of their tokens, whatever the case typed', async () => {
    const page = await listAuditEvents({ filters: filters({ user: ' ANN ' }), limit: 1000 })
    expect(page.events).toHaveLength(60)
    expect(new Set(page.events.map((e) => e.subjectId))).toEqual(new Set([ann.id, ...ann.tokenIds]))
    expect(page.events.map((e) => e.at.getTime())).toEqual([...page.events.map((e) => e.at.getTime())].sort((x, y) => y - x))
    expect(await listAuditEvents({ filters: filters({ user: 'nobody' }) })).toMatchObject({ events: [], unknown: 'user' })
  })

  it('filters by staff member, action prefix and UTC date range, alone and together', async () => {
    const byStaff = await listAuditEvents({ filters: filters({ staff: 'HD1' }), limit: 1000 })
    expect(byStaff.events.every((e) => e.actorId === helper)).toBe(true)
    expect(byStaff.events).toHaveLength(30 + 6) // sign-ins, and every tenth event from i = 1 that is not one
    expect(await listAuditEvents({ filters: filters({ staff: helper }), limit: 1000 })).toMatchObject({ events: byStaff.events })
    expect(await listAuditEvents({ filters: filters({ staff: 'nobody' }) })).toMatchObject({ events: [], unknown: 'staff' })

    const tokens = await listAuditEvents({ filters: filters({ action: 'Token.' }), limit: 1000 })
    expect(tokens.events).toHaveLength(30)
    expect(tokens.events.every((e) => e.action === 'token.locked')).toBe(true)
    const several = await listAuditEvents({ filters: filters({ action: 's' }), limit: 1000 })
    expect(new Set(several.events.map((e) => e.action))).toEqual(new Set(['staff.signed-in']))
    expect(await listAuditEvents({ filters: filters({ action: 'nothing.' }) })).toMatchObject({ events: [], hasOlder: false })

    const annsTokens = await listAuditEvents({ filters: filters({ user: 'ann', action: 'token.', staff: 'hd1' }), limit: 1000 })
    expect(ids(annsTokens)).toEqual(['e101', 'e081', 'e061', 'e041', 'e021', 'e001'])

    const inRange = await listAuditEvents({ filters: filters({ from: '2026-11-20', to: '2026-11-20' }), limit: 1000 })
    expect(inRange.events).toHaveLength(120)
    expect((await listAuditEvents({ filters: filters({ from: '2026-11-21' }) })).events).toEqual([])
    expect((await listAuditEvents({ filters: filters({ to: '2026-11-19' }) })).events).toEqual([])
  })
})

describe('audit page URLs', () => {
  it('reads filters and cursors, dropping what is malformed', () => {
    const token = auditCursorToken({ at: at(5), id: 'e005' })
    expect(ZAuditPageQuery.parse({ user: 'ann', older: token, from: 'yesterday', to: '2026-02-31x' })).toEqual({
      filters: { user: 'ann', staff: '', action: '', from: '', to: '' },
      cursor: { at: at(5), id: 'e005', direction: 'older' },
    })
    expect(ZAuditPageQuery.parse({ newer: 'not-a-cursor!', action: ['a', 'b'] })).toEqual({ filters: { user: '', staff: '', action: '', from: '', to: '' }, cursor: undefined })
    // Too long: cut, so it still narrows (here to nobody) instead of being dropped.
    expect(ZAuditFilters.parse({ user: 'x'.repeat(100) }).user).toBe('x'.repeat(64))
  })
})

describe('exportAuditEvents', () => {
  it('streams every matching event in batches, newest first, and records the export', async () => {
    const db = getDb()
    await db.auditEvent.createMany({
      data: Array.from({ length: 5000 }, (_, i) => ({ id: `x${String(i).padStart(4, '0')}`, at: new Date(Date.UTC(2026, 10, 25) + Math.floor(i / 3) * 1000), action: 'bulk.row', actorType: 'SYSTEM' as const })),
    })
    const chunks: string[] = []
    const stream = await exportAuditEvents({ filters: filters({ action: 'bulk.' }), actor: { type: 'STAFF', id: helper, label: 'hd1' }, context: { ip: '203.0.113.9' }, batchSize: 1000 })
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks).toHaveLength(1 + 5) // the header, then five batches of 1,000
    const lines = chunks.join('').split('\r\n').slice(1, -1)
    expect(lines).toHaveLength(5000)
    const exportedIds = lines.map((l) => l.split(',').at(-1))
    expect(new Set(exportedIds).size).toBe(5000)
    expect(exportedIds[0]).toBe('x4999') // newest first; ties of time broken by id
    expect(exportedIds.at(-1)).toBe('x0000')

    const recorded = await db.auditEvent.findFirstOrThrow({ where: { action: 'audit.exported' } })
    expect(recorded).toMatchObject({ actorId: helper, actorLabel: 'hd1', ip: '203.0.113.9', details: '{"action":"bulk."}' })
  })

  it('reads the next batch only when asked for it', async () => {
    const stream = await exportAuditEvents({ filters: filters({ action: 'bulk.' }), actor: { type: 'STAFF', id: helper, label: 'hd1' }, batchSize: 1000 })
    expect((await stream.next()).value).toMatch(/^time,action,/)
    const firstBatch = (await stream.next()).value as string
    expect(firstBatch.split('\r\n')).toHaveLength(1001)
    // Rows added now, older than the cursor, still reach the export: the next batch is read only now.
    await getDb().auditEvent.create({ data: { id: 'late', at: new Date(Date.UTC(2026, 10, 24)), action: 'bulk.row', actorType: 'SYSTEM' } })
    let rest = ''
    for await (const chunk of stream) rest += chunk
    expect(rest.trimEnd().split('\r\n').at(-1)).toMatch(/,late$/)
  })
})
