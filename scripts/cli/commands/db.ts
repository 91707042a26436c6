import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { getDb, prepareDatabase } from '@/lib/db'
import type { Output } from '../output'
import { UsageError } from '../usage-error'

export const DB_USAGE = ['portal db migrate']

export async function runDb(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  if (sub !== 'migrate' || rest.some((a) => a !== '--json')) {
    throw new UsageError(`unknown db command${sub ? ` "${sub}"` : ''}; usage: ${DB_USAGE.join(' | ')}`)
  }
  const applied = await migrateDatabase()
  out.result({ applied }, applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date')
}

/**
 * Applies pending migrations with `prisma migrate deploy` (which goes through
 * our driver adapter, see prisma.config.ts) and returns the names applied.
 */
export async function migrateDatabase(): Promise<string[]> {
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js')
  const result = spawnSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    encoding: 'utf8',
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  })
  if (result.status !== 0) {
    const reason = `${result.stderr}\n${result.stdout}`.split('\n').find((l) => /error/i.test(l)) ?? 'see `npx prisma migrate deploy`'
    throw new Error(`database migration failed: ${reason.trim()}`)
  }
  await prepareDatabase({ db: getDb() })
  return [...result.stdout.matchAll(/Applying migration `([^`]+)`/g)].map((m) => m[1] ?? '')
}
