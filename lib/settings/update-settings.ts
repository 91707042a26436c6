import 'server-only'
import type { Prisma, Settings } from '@/generated/prisma/client'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { forgetCachedSettings, readSettingsRecord, SETTINGS_ID } from './get-settings'

/** The fields an admin may change: everything but the record's own bookkeeping. */
export type SettingsChanges = Partial<Omit<Settings, 'id' | 'updatedAt' | 'updatedBy'>>

type AuditValue = string | number | boolean | null
const MAX_AUDITED_TEXT = 200

/** A value as the audit log shows it: long text clipped, dates as ISO strings. */
function auditValue(value: unknown): AuditValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'boolean') return value
  const text = value instanceof Date ? value.toISOString() : String(value)
  return text.length > MAX_AUDITED_TEXT ? `${text.slice(0, MAX_AUDITED_TEXT)}…` : text
}

/** The fields whose value differs, with old and new as the audit shows them. */
export function settingsDiff(before: Settings, changes: SettingsChanges): { field: keyof SettingsChanges; old: AuditValue; new: AuditValue }[] {
  return (Object.keys(changes) as (keyof SettingsChanges)[])
    .filter((field) => changes[field] !== undefined && auditValue(changes[field]) !== auditValue(before[field]))
    .map((field) => ({ field, old: auditValue(before[field]), new: auditValue(changes[field]) }))
}

/**
 * Writes already-validated changes to the one settings record and audits
 * each changed field with its old and new value (`settings.changed`, one
 * event per save), in one transaction. Unchanged fields are neither written
 * nor audited; a save that changes nothing writes nothing and returns []. This
 * process forgets its cached copy at once; other instances read the record
 * afresh within getSettings' few seconds (SETTINGS_TTL_MS).
 */
export async function updateSettings({ changes, actor, context, section }: { changes: SettingsChanges; actor: AuditActor; context?: AuditContext; section: string }): Promise<ReturnType<typeof settingsDiff>> {
  await readSettingsRecord()
  const diff = await getDb().$transaction(async (tx) => {
    const before = await tx.settings.findUniqueOrThrow({ where: { id: SETTINGS_ID } })
    const diff = settingsDiff(before, changes)
    if (diff.length === 0) return diff
    const data = Object.fromEntries(diff.map(({ field }) => [field, changes[field]])) as Prisma.SettingsUpdateInput
    await tx.settings.update({ where: { id: SETTINGS_ID }, data: { ...data, updatedBy: actor.label ?? null } })
    const details: Record<string, AuditValue> = { section, fields: diff.map((d) => d.field).join(', ') }
    for (const d of diff) {
      details[`${d.field}.old`] = d.old
      details[`${d.field}.new`] = d.new
    }
    await tx.auditEvent.create({ data: auditEventData({ action: 'settings.changed', actor, context, subject: { type: 'settings', id: String(SETTINGS_ID), label: section }, details }) })
    return diff
  })
  if (diff.length > 0) forgetCachedSettings()
  return diff
}
