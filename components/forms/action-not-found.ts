import { headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'

/**
 * Where a form posted without JavaScript is sent when its action answers
 * "not found": an address no route matches, which Next.js answers with 404
 * and app/not-found.tsx drawn in the whole layout on the server. (A page
 * that calls notFound() itself gets a bare shell that only JavaScript fills
 * in: vercel/next.js#62228.)
 */
export const MISSING_PAGE = '/missing'

/**
 * A server action's "not found" (another user's id, a stale or forged form).
 * Posted by the client router (JavaScript), Next.js answers 404 and draws
 * app/not-found.tsx inside the root layout. Posted by the browser itself (no
 * JavaScript), Next.js 16 draws that page WITHOUT the root layout: no
 * <html lang>, header or main landmark, and a hydration error if the
 * scripts load afterwards. That form post is sent to MISSING_PAGE instead.
 */
export async function actionNotFound(): Promise<never> {
  // The client router marks its action calls with this header; a plain form post has none.
  if (!(await headers()).has('next-action')) redirect(MISSING_PAGE)
  notFound()
}
