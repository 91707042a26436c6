import type { Metadata } from 'next'
import { NotAvailable } from '@/components/not-available'

export const metadata: Metadata = { title: 'Enroll a token' }

export default function EnrollPage() {
  return (
    <NotAvailable title="Enroll a token">
      <p>Self-enrollment is being set up and cannot be used from this page yet.</p>
      <p>
        If you received an enrollment email, keep it: its link will take you through the steps once enrollment opens.
        Until then, contact your helpdesk to get a token.
      </p>
    </NotAvailable>
  )
}
