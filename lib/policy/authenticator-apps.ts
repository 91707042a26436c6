import { z } from 'zod'
import type { Platform } from './platform'

export type StorePlatform = Exclude<Platform, 'other'>

export type AuthenticatorApp = {
  name: string
  /** One line on why someone would pick it. */
  note?: string
  links: Partial<Record<StorePlatform, string>>
}

const ZLink = z.url({ protocol: /^https$/ })
const ZAuthenticatorApps = z
  .array(
    z.object({
      name: z.string().trim().min(1).max(60),
      note: z.string().trim().max(160).optional(),
      links: z.partialRecord(z.enum(['ios', 'android', 'windows', 'macos', 'linux']), ZLink),
    }),
  )
  .min(1)
  .max(12)

/** Apps that read standard otpauth:// URIs (QR code and deep link). */
export const DEFAULT_AUTHENTICATOR_APPS: AuthenticatorApp[] = [
  {
    name: 'Microsoft Authenticator',
    note: 'Free. Can back up your accounts to your Microsoft account.',
    links: {
      ios: 'https://apps.apple.com/app/microsoft-authenticator/id983156458',
      android: 'https://play.google.com/store/apps/details?id=com.azure.authenticator',
    },
  },
  {
    name: 'Google Authenticator',
    note: 'Free and simple.',
    links: {
      ios: 'https://apps.apple.com/app/google-authenticator/id388497605',
      android: 'https://play.google.com/store/apps/details?id=com.google.android.apps.authenticator2',
    },
  },
  {
    name: 'FreeOTP',
    note: 'Free and open source, from Red Hat.',
    links: {
      ios: 'https://apps.apple.com/app/freeotp-authenticator/id872559395',
      android: 'https://play.google.com/store/apps/details?id=org.fedorahosted.freeotp',
    },
  },
  {
    name: 'KeePassXC',
    note: 'Free password manager for computers, with one-time codes built in.',
    links: {
      windows: 'https://keepassxc.org/download/#windows',
      macos: 'https://keepassxc.org/download/#macos',
      linux: 'https://keepassxc.org/download/#linux',
    },
  },
]

/** The list from settings (JSON), or the defaults when unset or malformed. */
export function authenticatorAppsFrom(settings: { authenticatorApps: string | null }): AuthenticatorApp[] {
  if (!settings.authenticatorApps) return DEFAULT_AUTHENTICATOR_APPS
  try {
    const parsed = ZAuthenticatorApps.safeParse(JSON.parse(settings.authenticatorApps))
    return parsed.success ? parsed.data : DEFAULT_AUTHENTICATOR_APPS
  } catch {
    return DEFAULT_AUTHENTICATOR_APPS
  }
}

export type StoreLink = { app: string; note?: string; platform: StorePlatform; url: string }

const STORE_ORDER: StorePlatform[] = ['ios', 'android', 'windows', 'macos', 'linux']

/**
 * Store links for this platform first, then every other link grouped by
 * platform, for "Other devices".
 */
export function storeLinksFor({ apps, platform }: { apps: AuthenticatorApp[]; platform: Platform }): {
  primary: StoreLink[]
  others: { platform: StorePlatform; links: StoreLink[] }[]
} {
  const linksOn = (p: StorePlatform) =>
    apps.flatMap((app) => (app.links[p] ? [{ app: app.name, note: app.note, platform: p, url: app.links[p] }] : []))
  const primary = platform === 'other' ? [] : linksOn(platform)
  const others = STORE_ORDER.filter((p) => p !== platform)
    .map((p) => ({ platform: p, links: linksOn(p) }))
    .filter((group) => group.links.length > 0)
  return { primary, others }
}
