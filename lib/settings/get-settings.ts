import 'server-only'
import { Prisma, type Settings } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

export const SETTINGS_ID = 1

/**
 * The single settings record. Created with the schema's safe defaults the
 * first time anything reads it, so a fresh database needs no seeding.
 */
export async function getSettings(): Promise<Settings> {
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
