import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb, getDb } from '@/lib/db'
import { forgetCachedSettings, getSettings, POLICY_DEFAULTS, POLICY_NAMES, readValidSettings, SETTINGS_TTL_MS } from '.'
import { readSettingsRecord } from './get-settings'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

describe('getSettings', () => {
  it('creates the record with the defaults the policies page shows', async () => {
    const settings = await getSettings()
    for (const name of POLICY_NAMES) expect(settings[name], name).toEqual(POLICY_DEFAULTS[name])
  })

  it('reuses what it read for a few seconds, then reads again; forgetting reads at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      expect((await getSettings()).lockoutThreshold).toBe(10)
      await getDb().settings.update({ where: { id: 1 }, data: { lockoutThreshold: 3 } })
      expect((await getSettings()).lockoutThreshold).toBe(10)
      vi.advanceTimersByTime(SETTINGS_TTL_MS + 1)
      expect((await getSettings()).lockoutThreshold).toBe(3)
      await getDb().settings.update({ where: { id: 1 }, data: { lockoutThreshold: 4 } })
      forgetCachedSettings()
      expect((await getSettings()).lockoutThreshold).toBe(4)
    } finally {
      vi.useRealTimers()
      await getDb().settings.update({ where: { id: 1 }, data: { lockoutThreshold: 10 } })
    }
  })

  it('falls back to the default for a stored value out of bounds, and says which in the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await getDb().settings.update({ where: { id: 1 }, data: { lockoutThreshold: 0, pinCharset: 'emoji', sessionIdleMinutes: 100_000, dormantAction: 'SHRED' } })
      const settings = await getSettings()
      expect(settings).toMatchObject({ lockoutThreshold: 10, pinCharset: 'digits', sessionIdleMinutes: 15, dormantAction: 'DISABLE' })
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('pinCharset, lockoutThreshold, sessionIdleMinutes, dormantAction'))
      // The stored record itself is left alone for the admin to correct.
      expect((await readSettingsRecord()).lockoutThreshold).toBe(0)
    } finally {
      warn.mockRestore()
      await getDb().settings.update({ where: { id: 1 }, data: { lockoutThreshold: 10, pinCharset: 'digits', sessionIdleMinutes: 15, dormantAction: 'DISABLE' } })
    }
  })
})

describe('readValidSettings', () => {
  it('keeps valid values and resets both of a pair that disagree', async () => {
    const row = await readSettingsRecord()
    expect(readValidSettings({ ...row, pinMinLength: 8, pinMaxLength: 12 })).toMatchObject({ settings: { pinMinLength: 8, pinMaxLength: 12 }, replaced: [] })
    expect(readValidSettings({ ...row, pinMinLength: 12, pinMaxLength: 8 })).toMatchObject({ settings: { pinMinLength: 4, pinMaxLength: 16 }, replaced: ['pinMaxLength', 'pinMinLength'] })
    expect(readValidSettings({ ...row, autoUnlockMinutes: null }).settings.autoUnlockMinutes).toBeNull()
  })
})
