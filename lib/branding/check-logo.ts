import { createHash } from 'node:crypto'
import { sanitizeSvg } from './sanitize-svg'
import { LOGO_MAX_BYTES, sniffLogoType, type LogoType } from './sniff-logo'

export type CheckedLogo = { ok: true; contentType: LogoType; bytes: Uint8Array; hash: string } | { ok: false; message: string }

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`

/**
 * An uploaded logo as it will be stored: at most 200 KB, PNG, JPEG or SVG
 * by its bytes, an SVG rebuilt by the sanitiser. The hash names the stored
 * file, so its URL changes whenever the logo does and can be cached for ever.
 */
export function checkLogo(bytes: Uint8Array): CheckedLogo {
  if (bytes.length === 0) return { ok: false, message: 'Choose a logo file to upload.' }
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, message: `The logo is ${kb(bytes.length)}; it must be at most 200 KB.` }
  const type = sniffLogoType(bytes)
  if (!type) return { ok: false, message: 'The logo must be a PNG, JPEG or SVG image; this file is none of those (whatever its name says).' }
  let stored = bytes
  if (type === 'image/svg+xml') {
    const sanitized = sanitizeSvg(new TextDecoder().decode(bytes))
    if (!sanitized.ok) return sanitized
    stored = new TextEncoder().encode(sanitized.svg)
  }
  return { ok: true, contentType: type, bytes: stored, hash: createHash('sha256').update(stored).digest('hex') }
}

const EXTENSIONS: Record<LogoType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/svg+xml': 'svg' }

/** The path a stored logo is served at (app/branding/logo/[file]). */
export function logoPath({ hash, contentType }: { hash: string; contentType: string }): string {
  return `/branding/logo/${hash}.${EXTENSIONS[contentType as LogoType] ?? 'bin'}`
}
