import type { Metadata } from 'next'
import { headers } from 'next/headers'
import Link from 'next/link'
import { Stepper } from '@/components/enroll/stepper'
import { StoreLinks } from '@/components/enroll/store-links'
import { card, primaryButton, secondaryButton } from '@/components/ui'
import { authenticatorAppsFrom, detectPlatform, isPhone, PLATFORM_NAMES, storeLinksFor, type Platform, type StoreLink } from '@/lib/policy'
import { loadEnrollment, stepPath } from '../load-enrollment'

export const metadata: Metadata = { title: 'Get an authenticator app' }

const storeName = (link: StoreLink) =>
  link.platform === 'ios' ? 'App Store' : link.platform === 'android' ? 'Google Play' : `Download for ${PLATFORM_NAMES[link.platform]}`

const HEADINGS: Record<Platform, string> = {
  ios: 'For your iPhone or iPad',
  android: 'For your Android phone',
  windows: 'For this Windows computer',
  macos: 'For this Mac',
  linux: 'For this Linux computer',
  other: 'For this device',
}

export default async function GetTheAppPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [{ settings }, requestHeaders] = await Promise.all([loadEnrollment(token, ['add']), headers()])
  const platform = detectPlatform(requestHeaders)
  const { primary, others } = storeLinksFor({ apps: authenticatorAppsFrom(settings), platform })
  const next = stepPath(token, 'add')
  return (
    <>
      <Stepper current={0} />
      <section aria-labelledby="app-title" className={card}>
        <h1 id="app-title" className="text-2xl font-semibold tracking-tight">
          Get an authenticator app
        </h1>
        <p className="mt-3 text-slate-700">
          The app keeps your token and shows its codes. Any of these works; it is free.
          {isPhone(platform) ? ' Install one, then come back to this page.' : ' Most people put it on their phone and scan a QR code from this screen in the next step.'}
        </p>
        <p className="mt-4">
          <Link href={next} className={secondaryButton}>
            I already have an authenticator app
          </Link>
        </p>

        {primary.length ? (
          <>
            <h2 className="mt-6 text-lg font-semibold">{HEADINGS[platform]}</h2>
            <StoreLinks links={primary} storeName={storeName} />
          </>
        ) : null}

        <details className="mt-6 rounded-lg border border-slate-200 p-4" open={primary.length === 0}>
          <summary className="min-h-11 cursor-pointer py-2 font-semibold">Other devices</summary>
          {others.map((group) => (
            <div key={group.platform} className="mt-3">
              <h3 className="font-medium text-slate-900">{PLATFORM_NAMES[group.platform]}</h3>
              <StoreLinks links={group.links} storeName={storeName} />
            </div>
          ))}
        </details>

        <p className="mt-6">
          <Link href={next} className={primaryButton}>
            Next: add your token
          </Link>
        </p>
      </section>
    </>
  )
}
