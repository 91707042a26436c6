import type { Metadata } from 'next'
import Link from 'next/link'
import { BrandingNav } from '@/components/branding/branding-nav'
import { EmailTextForm } from '@/components/branding/email-text-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { brandFromSettings, EMAIL_PLACEHOLDERS, EMAIL_TEMPLATES, emailTemplateLabel, emailTextsFrom, isEmailTemplate, previewEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'
import { saveEmailTextAction } from './actions'

export const metadata: Metadata = { title: 'Email templates' }

/** The built-in first paragraph, as the hint shows it: the preview without overrides, read from its text part. */
function builtInIntro(text: string): string {
  // Text part: org name, blank, heading, blank, then the first block.
  return text.split('\n\n')[2]?.split('\n')[0] ?? ''
}

// Administrators only: each email's subject and introduction, with a live preview.
export default async function EmailTemplatesPage({ searchParams }: { searchParams: Promise<{ template?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/branding/emails' })
  const requested = (await searchParams).template
  const template = isEmailTemplate(requested) ? requested : EMAIL_TEMPLATES[0]!
  const settings = await getSettings()
  const texts = emailTextsFrom(settings)
  const builtIn = previewEmail({ template, brand: { ...brandFromSettings(settings), overrides: {} } })
  return (
    <StaffShell session={session} current="branding">
      <section aria-labelledby="emails-title" className={card}>
        <h1 id="emails-title" className="text-2xl font-semibold tracking-tight">
          Email templates
        </h1>
        <BrandingNav current="emails" />
        <p className="mt-3 text-slate-700">
          Each email&apos;s subject and introduction can be your own; leave them empty for the built-in text. The rest of each email (links, codes, safety notes)
          stays as built.
        </p>
        <nav aria-label="Emails" className="mt-4">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {EMAIL_TEMPLATES.map((t) => (
              <li key={t}>
                <Link href={`/admin/branding/emails?template=${t}`} aria-current={t === template ? 'page' : undefined} className="inline-flex min-h-11 items-center text-brand underline underline-offset-2 aria-[current=page]:font-semibold aria-[current=page]:text-slate-900 aria-[current=page]:no-underline">
                  {emailTemplateLabel(t)}
                  {texts[t] ? ' (customised)' : ''}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </section>
      <section aria-labelledby="template-title" className={`${card} mt-6`}>
        <h2 id="template-title" className="text-lg font-semibold">
          {emailTemplateLabel(template)}
        </h2>
        <EmailTextForm
          key={template}
          action={saveEmailTextAction}
          template={template}
          saved={{ subject: texts[template]?.subject ?? '', intro: texts[template]?.intro ?? '' }}
          builtIn={{ subject: builtIn.subject, intro: builtInIntro(builtIn.text) }}
          placeholders={EMAIL_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}
        />
      </section>
    </StaffShell>
  )
}
