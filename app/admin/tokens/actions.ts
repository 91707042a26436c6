'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { requireStaff } from '@/lib/auth'
import { formField, requestContext } from '@/lib/http'
import { returnTokenToInventory } from '@/lib/inventory'

// Thin: authorize → act → respond. Administrators with a recent sign-in
// only (the token becomes claimable and assignable again); audited in
// lib/inventory. CSRF: proxy.ts refuses posts from other sites.

const PAGE = '/admin/tokens'

export async function returnToInventoryAction(formData: FormData): Promise<void> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE, recent: true })
  const tokenId = formField(formData, 'tokenId', 64)
  const result = await returnTokenToInventory({ session, tokenId, context: requestContext(await headers()) })
  if (result.ok) redirect(`${PAGE}?done=returned&serial=${encodeURIComponent(result.serial)}`)
  redirect(`${PAGE}?done=${'notFound' in result ? 'gone' : 'refused'}`)
}
