import type { Metadata } from 'next'
import { CheckYourEmail } from '@/components/check-your-email'

export const metadata: Metadata = { title: 'Check your email' }

export default function SignInLinkSentPage() {
  return (
    <CheckYourEmail back={{ href: '/sign-in', label: 'Back to sign-in' }}>
      If an account matches what you entered, we have emailed it a sign-in link. It works once, for 15 minutes.
    </CheckYourEmail>
  )
}
