import type { Metadata } from 'next'
import { CheckYourEmail } from '@/components/check-your-email'
import { getSettings } from '@/lib/settings'

export const metadata: Metadata = { title: 'Check your email' }

export default async function RequestSentPage() {
  const settings = await getSettings()
  const days = Math.round(settings.invitationTtlHours / 24)
  return (
    <CheckYourEmail back={{ href: '/', label: 'Back to the start page' }}>
      If an account matches what you entered, we have sent a new enrollment link to its email address. The link works for{' '}
      {days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${settings.invitationTtlHours} hours`}.
    </CheckYourEmail>
  )
}
