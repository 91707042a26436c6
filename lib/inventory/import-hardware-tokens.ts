import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditActor, type AuditContext } from '@/lib/audit'
import { sealSecret } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { bytesToBase32 } from '@/lib/otp'
import { readTokenSecret } from '@/lib/tokens'
import type { HardwareSeed, SeedFile, SeedProblem } from './types'

export type InventoryImportSummary = {
  format: SeedFile['format']
  /** Serials created in inventory by this import. */
  added: string[]
  /** Serials already in inventory with the same seed: nothing to do. */
  unchanged: string[]
  /** Entries not imported, with why: unusable in the file, or a token that must not be touched. */
  skipped: SeedProblem[]
}

const BATCH = 500
type Existing = Prisma.TokenGetPayload<{ select: typeof EXISTING }>
const EXISTING = { serial: true, origin: true, status: true, userId: true, type: true, algorithm: true, digits: true, period: true, counter: true, secretCiphertext: true, secretKeyId: true } as const

/**
 * Puts a seed file's tokens into inventory: origin HARDWARE, status
 * INVENTORY, no user, seed sealed with the serial as associated data.
 * Idempotent by serial: a token already in inventory with the same seed is
 * "unchanged"; any other existing token (assigned, active, lost, a software
 * token, or a different seed) is never changed, only reported. One
 * `inventory.imported` audit event with the counts, in the same transaction.
 */
export async function importHardwareTokens({
  file,
  source,
  actor,
  context,
}: {
  file: SeedFile
  /** What was imported, for the audit log (a file name; never its content). */
  source: string
  actor: AuditActor
  context?: AuditContext
}): Promise<InventoryImportSummary> {
  const summary: InventoryImportSummary = { format: file.format, added: [], unchanged: [], skipped: [...file.skipped] }
  const firstWhere = new Map<string, string>()
  const seeds: HardwareSeed[] = []
  for (const seed of file.seeds) {
    const earlier = firstWhere.get(seed.serial)
    if (earlier) summary.skipped.push({ where: seed.where, serial: seed.serial, reason: `the serial is also in ${earlier}; the first one counts` })
    else {
      firstWhere.set(seed.serial, seed.where)
      seeds.push(seed)
    }
  }

  try {
    await getDb().$transaction(
      async (tx) => {
        const existing = new Map<string, Existing>()
        for (let i = 0; i < seeds.length; i += BATCH) {
          const rows = await tx.token.findMany({ where: { serial: { in: seeds.slice(i, i + BATCH).map((s) => s.serial) } }, select: EXISTING })
          for (const row of rows) existing.set(row.serial, row)
        }
        const toCreate: Prisma.TokenCreateManyInput[] = []
        for (const seed of seeds) {
          const row = existing.get(seed.serial)
          const verdict = row ? judgeExisting(row, seed) : null
          if (verdict === 'unchanged') summary.unchanged.push(seed.serial)
          else if (verdict) summary.skipped.push({ where: seed.where, serial: seed.serial, reason: verdict })
          else {
            const sealed = sealSecret({ plaintext: bytesToBase32(seed.secret), context: seed.serial })
            toCreate.push({
              serial: seed.serial,
              type: seed.type,
              origin: 'HARDWARE',
              status: 'INVENTORY',
              secretCiphertext: sealed.ciphertext,
              secretKeyId: sealed.keyId,
              algorithm: seed.algorithm,
              digits: seed.digits,
              period: seed.period,
              counter: seed.counter,
            })
            summary.added.push(seed.serial)
          }
        }
        for (let i = 0; i < toCreate.length; i += BATCH) await tx.token.createMany({ data: toCreate.slice(i, i + BATCH) })
        await recordAuditEvent({
          tx,
          action: 'inventory.imported',
          actor,
          context,
          subject: { type: 'inventory', label: source },
          details: { source, format: file.format, added: summary.added.length, unchanged: summary.unchanged.length, skipped: summary.skipped.length },
        })
      },
      // Thousands of rows on a busy machine: the default 5 s is too short for one transaction.
      { timeout: 120_000, maxWait: 10_000 },
    )
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', 'Another import added some of these serials at the same moment; nothing was imported. Run the import again: it skips what is already there.')
    }
    throw error
  }
  return summary
}

/** Why an existing token with this serial is left alone, or 'unchanged' when it already is what the file says. */
function judgeExisting(row: Existing, seed: HardwareSeed): string {
  if (row.origin !== 'HARDWARE') return 'the serial belongs to a software token; not changed'
  if (row.status !== 'INVENTORY' || row.userId) {
    return `the token is ${row.status.toLowerCase()}${row.userId ? ' and assigned to a user' : ''}; an import never changes it`
  }
  let sameSeed = false
  try {
    sameSeed = readTokenSecret({ token: row }) === bytesToBase32(seed.secret)
  } catch {
    return 'the token in inventory has a seed this server cannot open (a retired SECRET_KEY?); not changed'
  }
  const sameParameters =
    row.type === seed.type && row.algorithm === seed.algorithm && row.digits === seed.digits && row.period === seed.period && row.counter === seed.counter
  return sameSeed && sameParameters ? 'unchanged' : 'already in inventory with a different seed or parameters; not changed'
}
