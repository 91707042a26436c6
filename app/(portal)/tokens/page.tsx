import type { Metadata } from 'next'
import { NotAvailable } from '@/components/not-available'

export const metadata: Metadata = { title: 'Manage my tokens' }

export default function TokensPage() {
  return (
    <NotAvailable title="Manage my tokens">
      <p>Signing in to manage your tokens is not available yet.</p>
      <p>To change a PIN, report a lost phone or replace a token, contact your helpdesk.</p>
    </NotAvailable>
  )
}
