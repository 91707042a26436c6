import type { OtpType } from '@/lib/otp'
import type { Platform } from './platform'

const TYPES: readonly OtpType[] = ['TOTP', 'HOTP']

function parseTypes(value: unknown): OtpType[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
  return TYPES.filter((type) => list.some((item) => String(item).trim().toUpperCase() === type))
}

/**
 * The token types a person on this platform may enrol: the global list
 * (settings.allowedTokenTypes), narrowed per platform when
 * settings.tokenTypesByPlatform names it ("phone" covers iOS and Android,
 * "desktop" covers Windows, macOS and Linux). TOTP first: it is the default.
 * Never empty: a broken setting falls back to TOTP.
 */
export function allowedTokenTypes({
  settings,
  platform,
}: {
  settings: { allowedTokenTypes: string; tokenTypesByPlatform: string | null }
  platform: Platform
}): OtpType[] {
  let allowed = parseTypes(settings.allowedTokenTypes)
  if (settings.tokenTypesByPlatform) {
    try {
      const byPlatform = JSON.parse(settings.tokenTypesByPlatform) as Record<string, unknown>
      const group = platform === 'ios' || platform === 'android' ? 'phone' : platform === 'other' ? 'other' : 'desktop'
      const narrowed = byPlatform[platform] ?? byPlatform[group]
      if (narrowed !== undefined) allowed = allowed.filter((type) => parseTypes(narrowed).includes(type))
    } catch {
      // A malformed setting must not lock people out: ignore it.
    }
  }
  return allowed.length ? allowed : ['TOTP']
}
