import type { Metadata } from 'next'
import Link from 'next/link'
import { AuthenticatorAppsForm } from '@/components/branding/authenticator-apps-form'
import { BrandingNav } from '@/components/branding/branding-nav'
import { LogoUploadForm } from '@/components/branding/logo-upload-form'
import { OrganisationForm } from '@/components/branding/organisation-form'
import { RulesOfUseForm } from '@/components/branding/rules-of-use-form'
import { DoneMessage } from '@/components/done-message'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, dangerButton, linkClass, secondaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { EXTRA_APP_ROWS, MAX_APPS } from '@/lib/branding'
import { authenticatorAppsFrom, rulesOfUseFrom } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { removeLogoAction, saveAuthenticatorAppsAction, saveOrganisationAction, saveRulesOfUseAction, uploadLogoAction } from './actions'

export const metadata: Metadata = { title: 'Branding' }

const DONE: Record<string, string> = {
  organisation: 'Organisation details saved. Pages and emails use them from now on.',
  logo: 'Logo uploaded. Pages and emails show it from now on.',
  'logo-removed': 'Logo removed: the default logo is back.',
  apps: 'Authenticator apps saved. The enrollment page offers them from now on.',
  rules: 'Rules of use saved.',
}

// Administrators only: how the portal and its emails look and what they say.
export default async function BrandingPage({ searchParams }: { searchParams: Promise<{ done?: string; confirm?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/branding' })
  const { done, confirm } = await searchParams
  const settings = await getSettings()
  const apps = authenticatorAppsFrom(settings)
  return (
    <StaffShell session={session} current="branding">
      <section aria-labelledby="branding-title" className={card}>
        <h1 id="branding-title" className="text-2xl font-semibold tracking-tight">
          Branding and content
        </h1>
        <BrandingNav current="branding" />
        <DoneMessage messages={DONE} done={done} />
        <h2 className="mt-6 text-lg font-semibold">Organisation</h2>
        <OrganisationForm action={saveOrganisationAction} values={settings} />
      </section>

      <section aria-labelledby="logo-title" className={`${card} mt-6`}>
        <h2 id="logo-title" className="text-lg font-semibold">
          Logo
        </h2>
        <div className="mt-3 flex items-center gap-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- an admin-set logo of unknown size */}
          <img src={settings.logoUrl ?? '/logo.svg'} alt="Current logo" width={48} height={48} className="h-12 w-12 rounded border border-slate-200" />
          <p>{settings.logoUrl ? 'Your uploaded logo.' : 'The default logo.'}</p>
        </div>
        {confirm === 'remove-logo' && settings.logoUrl ? (
          <div className="mt-4 rounded-lg border border-red-300 bg-red-50 p-4">
            <h3 className="font-semibold text-red-900">Remove the logo?</h3>
            <p className="mt-1 text-red-900">Pages and new emails show the default logo again. You can upload a logo again at any time.</p>
            <form action={removeLogoAction} className="mt-3 flex flex-wrap items-center gap-3">
              <button type="submit" className={dangerButton}>
                Remove logo
              </button>
              <Link href="/admin/branding" className={linkClass}>
                Cancel
              </Link>
            </form>
          </div>
        ) : null}
        <LogoUploadForm action={uploadLogoAction} />
        {settings.logoUrl && confirm !== 'remove-logo' ? (
          <p className="mt-4">
            <Link href="/admin/branding?confirm=remove-logo" className={secondaryButton}>
              Remove logo…
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="apps-title" className={`${card} mt-6`}>
        <h2 id="apps-title" className="text-lg font-semibold">
          Authenticator apps
        </h2>
        <p className="mt-1 text-slate-700">Offered on the enrollment page, the visitor&apos;s own platform first. Store links must be https. Clear an app&apos;s row to remove it.</p>
        <AuthenticatorAppsForm action={saveAuthenticatorAppsAction} apps={apps} rows={Math.min(apps.length + EXTRA_APP_ROWS, MAX_APPS)} />
      </section>

      <section aria-labelledby="rules-title" className={`${card} mt-6`}>
        <h2 id="rules-title" className="text-lg font-semibold">
          Rules of use
        </h2>
        <p className="mt-1 text-slate-700">Shown when someone finishes setting up a token.</p>
        <RulesOfUseForm action={saveRulesOfUseAction} rules={rulesOfUseFrom(settings).join('\n')} />
      </section>
    </StaffShell>
  )
}
