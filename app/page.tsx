import Link from 'next/link'
import { card } from '@/components/ui'
import { getSettings } from '@/lib/settings'

const DESTINATIONS = [
  {
    href: '/enroll',
    title: 'Enroll a token',
    text: 'You received an enrollment email. Set up the authenticator app on your phone or computer, choose a PIN and start signing in.',
  },
  {
    href: '/tokens',
    title: 'Manage my tokens',
    text: 'Sign in with your PIN and code: change your PIN, move to a new phone, report a lost one, get recovery codes.',
  },
  {
    href: '/staff/sign-in',
    title: 'Staff sign-in',
    text: 'Helpdesk and administrators: find users, reset PINs, issue temporary passcodes and set policies.',
  },
] as const

export default async function HomePage() {
  const settings = await getSettings()
  return (
    <div className="space-y-8">
      <section aria-labelledby="intro-title">
        <h1 id="intro-title" className="text-3xl font-semibold tracking-tight sm:text-4xl">
          Your sign-in token, in a few minutes
        </h1>
        <p className="mt-3 max-w-prose text-lg text-slate-700">
          {settings.orgName} uses one-time passcodes to protect VPN and remote desktop sign-in. You sign in with your
          username and a passcode: your PIN followed by the code your authenticator app shows.
        </p>
      </section>
      <nav aria-label="What would you like to do?">
        <ul className="grid gap-4 sm:grid-cols-3">
          {DESTINATIONS.map((d) => (
            <li key={d.href}>
              <Link href={d.href} className={`${card} block h-full hover:border-brand`}>
                <span className="block text-lg font-semibold text-brand">{d.title}</span>
                <span className="mt-2 block text-slate-700">{d.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  )
}
