import type { Metadata, Viewport } from 'next'
import { connection } from 'next/server'
import type { ReactNode } from 'react'
import { SiteFooter } from '@/components/site-footer'
import { SiteHeader } from '@/components/site-header'
import { getSettings } from '@/lib/settings'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  await connection()
  const settings = await getSettings()
  return {
    title: { default: settings.orgName, template: `%s · ${settings.orgName}` },
    description: 'Set up and manage the one-time passcode token you use to sign in to VPN and remote desktop.',
    robots: { index: false, follow: false },
  }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request: the CSP nonce and the settings are per request.
  await connection()
  const settings = await getSettings()
  // Only a validated #rrggbb ever reaches the stylesheet's URL.
  const brand = (HEX_COLOUR.test(settings.brandColor) ? settings.brandColor : '#1d4ed8').slice(1).toLowerCase()

  return (
    <html lang="en">
      <head>
        {/* A stylesheet, not an inline <style>: see app/branding/theme.css. */}
        <link rel="stylesheet" href={`/branding/theme.css?colour=${brand}`} />
      </head>
      <body className="flex min-h-dvh flex-col">
        <SiteHeader orgName={settings.orgName} logoUrl={settings.logoUrl} />
        <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter supportContact={settings.supportContact} />
      </body>
    </html>
  )
}
