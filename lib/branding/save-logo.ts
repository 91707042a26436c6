import 'server-only'
import type { AuditActor, AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { updateSettings } from '@/lib/settings'
import { checkLogo, logoPath } from './check-logo'

/**
 * Checks an uploaded logo and makes it the portal's: stored under its hash
 * (an identical upload reuses the row), then Settings.logoUrl points at it,
 * audited as a branding change. Refused files change nothing.
 */
export async function saveLogo({ bytes, actor, context }: { bytes: Uint8Array; actor: AuditActor; context?: AuditContext }): Promise<{ ok: true; logoUrl: string } | { ok: false; message: string }> {
  const checked = checkLogo(bytes)
  if (!checked.ok) return checked
  const { hash, contentType } = checked
  await getDb().brandingAsset.upsert({
    where: { id: hash },
    create: { id: hash, contentType, bytes: Buffer.from(checked.bytes), createdBy: actor.label ?? null },
    update: {},
  })
  const logoUrl = logoPath({ hash, contentType })
  await updateSettings({ changes: { logoUrl }, actor, context, section: 'branding' })
  return { ok: true, logoUrl }
}

/** Back to the default logo. The stored file stays: emails already sent still show it. */
export async function removeLogo({ actor, context }: { actor: AuditActor; context?: AuditContext }): Promise<void> {
  await updateSettings({ changes: { logoUrl: null }, actor, context, section: 'branding' })
}
