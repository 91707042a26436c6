import 'server-only'
import { Prisma, type Settings } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'
import { readValidSettings } from './read-valid-settings'

export const SETTINGS_ID = 1

/**
 * How long one process may reuse the record it read. A change made on
 * another instance is seen within this time (issue #14: "within a few
 * seconds"); the instance that made it forgets its copy at once. It also
 * spares the validation API a query per request (decision 005).
 */
export const SETTINGS_TTL_MS = 2_000

let cached: { at: number; value: Promise<Settings> } | null = null

/** The stored record, created with the schema's defaults the first time anything reads it, so a fresh database needs no seeding. */
export async function readSettingsRecord(): Promise<Settings> {
  const db = getDb()
  const existing = await db.settings.findUnique({ where: { id: SETTINGS_ID } })
  if (existing) return existing
  try {
    return await db.settings.create({ data: { id: SETTINGS_ID } })
  } catch (error) {
    // Another request created it first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return db.settings.findUniqueOrThrow({ where: { id: SETTINGS_ID } })
    }
    throw error
  }
}

async function readChecked(): Promise<Settings> {
  const { settings, replaced } = readValidSettings(await readSettingsRecord())
  // A bad stored value falls back to its default instead of crashing a page;
  // say so in the log (names only) so an operator can correct it.
  if (replaced.length > 0) console.warn(`settings: stored value out of bounds, default used for ${replaced.join(', ')}`)
  return settings
}

/**
 * The settings: the one way anything reads policy. Validated on read
 * (readValidSettings), reused for at most SETTINGS_TTL_MS per process by
 * wall-clock time (never a caller's simulated time). Code or a test that
 * writes the record directly calls forgetCachedSettings() afterwards;
 * updateSettings does so itself.
 */
export function getSettings(): Promise<Settings> {
  const now = Date.now()
  if (!cached || now - cached.at > SETTINGS_TTL_MS || now < cached.at) {
    const value = readChecked()
    cached = { at: now, value }
    value.catch(() => {
      if (cached?.value === value) cached = null
    })
  }
  return cached.value
}

/** After a write in this process (or a test's direct change): read afresh next time. */
export function forgetCachedSettings(): void {
  cached = null
}
