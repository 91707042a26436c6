import 'server-only'
import { notFound } from 'next/navigation'
import { requireUser } from '@/lib/auth'
import { getMyToken } from '@/lib/self-service'

/**
 * The signed-in user and one of their own tokens for a token page; any
 * other id (another user's token, a made-up one) is a 404.
 */
export async function loadMyToken(id: string, page: string, { limited = false, pinChange = false } = {}) {
  const session = await requireUser({ returnTo: `/tokens/${encodeURIComponent(id)}${page}`, limited, pinChange })
  const token = await getMyToken({ userId: session.user.id, tokenId: id })
  if (!token) notFound()
  return { session, token }
}
