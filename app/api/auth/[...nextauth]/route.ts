import NextAuth from 'next-auth'
import { getAuthOptions } from '@/lib/auth'

// next-auth's own endpoints (session, sign-out, CSRF token, the credentials
// callback). The portal's pages sign in through server actions instead,
// which work without JavaScript (docs/decisions/009).
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, getAuthOptions())
}

export { handler as GET, handler as POST }
