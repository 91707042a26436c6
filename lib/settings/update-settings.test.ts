import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb, getDb } from '@/lib/db'
import { getSettings, updateSettings } from '.'
import { readSettingsRecord } from './get-settings'

setUpTempDatabase()
afterAll(() => disconnectDb())

const admin = { type: 'STAFF' as const, id: 'staff-1', label: 'root' }
const events = () => getDb().auditEvent.findMany({ where: { action: 'settings.changed' }, orderBy: { at: 'asc' } })

describe('updateSettings', () => {
  it('writes changed fields and audits each with its old and new value', async () => {
    const cachedBefore = await getSettings()
    expect(cachedBefore.pinMinLength).toBe(4)
    const diff = await updateSettings({ changes: { pinMinLength: 6, pinCharset: 'digits', orgName: 'Example Corp' }, actor: admin, context: { ip: '192.0.2.9' }, section: 'policies' })
    expect(diff.map((d) => d.field)).toEqual(['pinMinLength', 'orgName'])
    expect(await readSettingsRecord()).toMatchObject({ pinMinLength: 6, orgName: 'Example Corp', updatedBy: 'root' })
    // This process sees the change at once, without waiting for the cache.
    expect(await getSettings()).toMatchObject({ pinMinLength: 6, orgName: 'Example Corp', updatedBy: 'root' })
    const [event] = await events()
    expect(event).toMatchObject({ actorLabel: 'root', ip: '192.0.2.9', subjectType: 'settings', subjectLabel: 'policies' })
    expect(JSON.parse(event!.details!)).toEqual({
      section: 'policies',
      fields: 'pinMinLength, orgName',
      'pinMinLength.old': 4,
      'pinMinLength.new': 6,
      'orgName.old': 'Token Portal',
      'orgName.new': 'Example Corp',
    })
  })

  it('writes and audits nothing when nothing changes', async () => {
    const before = await readSettingsRecord()
    expect(await updateSettings({ changes: { pinMinLength: 6 }, actor: admin, section: 'policies' })).toEqual([])
    expect((await readSettingsRecord()).updatedAt).toEqual(before.updatedAt)
    expect(await events()).toHaveLength(1)
  })

  it('clips long text in the audit log but stores it whole', async () => {
    const long = 'Use this token only for work.\n'.repeat(20)
    await updateSettings({ changes: { rulesOfUse: long }, actor: admin, section: 'branding' })
    expect((await getSettings()).rulesOfUse).toBe(long)
    const details = JSON.parse((await events()).at(-1)!.details!)
    expect(details['rulesOfUse.old']).toBeNull()
    expect(details['rulesOfUse.new']).toHaveLength(201)
  })
})
