// Pure: which store to show first, from what the browser says about itself.

export type Platform = 'ios' | 'android' | 'windows' | 'macos' | 'linux' | 'other'

export const PLATFORM_NAMES: Record<Platform, string> = {
  ios: 'iPhone and iPad',
  android: 'Android',
  windows: 'Windows',
  macos: 'Mac',
  linux: 'Linux',
  other: 'Other devices',
}

export function isPhone(platform: Platform): boolean {
  return platform === 'ios' || platform === 'android'
}

type HeaderReader = { get(name: string): string | null }

/**
 * The User-Agent decides; the Sec-CH-UA-Platform client hint is used when
 * the browser sends it (Chromium does without being asked). iPadOS presents
 * itself as a Mac, so a Mac visitor is also offered the App Store under
 * "Other devices". Only a first guess: every platform's links stay one tap away.
 */
export function detectPlatform(headers: HeaderReader): Platform {
  const hint = (headers.get('sec-ch-ua-platform') ?? '').replace(/"/g, '').toLowerCase()
  const ua = headers.get('user-agent') ?? ''
  if (/iPhone|iPad|iPod/.test(ua) || hint === 'ios') return 'ios'
  if (/Android/.test(ua) || hint === 'android') return 'android'
  if (/Windows/.test(ua) || hint === 'windows') return 'windows'
  if (/Macintosh|Mac OS X/.test(ua) || hint === 'macos') return 'macos'
  if (/Linux|X11|CrOS/.test(ua) || hint === 'linux' || hint === 'chrome os') return 'linux'
  return 'other'
}
