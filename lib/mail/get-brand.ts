import 'server-only'
import type { Settings } from '@/generated/prisma/client'
import { getConfig } from '@/lib/config'
import type { Brand } from '@/emails'
import { emailTextsFrom } from './email-texts'

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

/** Branding for emails: settings plus absolute URLs (mail clients have no base URL) and the admin's texts per message. */
export function brandFromSettings(settings: Settings): Brand {
  const { appUrl } = getConfig()
  const logo = settings.logoUrl ?? '/logo.svg'
  return {
    orgName: settings.orgName,
    logoUrl: /^https?:\/\//.test(logo) ? logo : `${appUrl}${logo.startsWith('/') ? '' : '/'}${logo}`,
    color: HEX_COLOUR.test(settings.brandColor) ? settings.brandColor : '#1d4ed8',
    supportContact: settings.supportContact,
    appUrl,
    overrides: emailTextsFrom(settings),
  }
}
