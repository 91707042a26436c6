import 'server-only'
import { getDb } from '@/lib/db'

/** A stored logo by the file name it is served under (`<sha256>.<ext>`), or null. */
export async function getLogoAsset(file: string): Promise<{ hash: string; contentType: string; bytes: Uint8Array } | null> {
  const match = /^([0-9a-f]{64})\.(png|jpg|svg)$/.exec(file)
  if (!match) return null
  const asset = await getDb().brandingAsset.findUnique({ where: { id: match[1] } })
  return asset ? { hash: asset.id, contentType: asset.contentType, bytes: asset.bytes } : null
}
