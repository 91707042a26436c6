import type { Metadata } from 'next'
import { CheckYourEmail } from '@/components/check-your-email'

export const metadata: Metadata = { title: 'Check your email' }

export default function PinResetSentPage() {
  return (
    <CheckYourEmail back={{ href: '/sign-in', label: 'Back to sign-in' }}>
      If an account with a token matches what you entered, we have emailed it a link to set a new PIN. It works once, for an hour.
    </CheckYourEmail>
  )
}
