import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '.tmp/**']),
  {
    // lib/ is domain logic: it must not depend on React or Next.js.
    files: ['lib/**/*.ts'],
    // Except lib/auth, the one home of sign-in state (STYLE.md): next-auth's
    // options and the request-bound helpers every page and action calls
    // (getUserSession, requireUser, the session cookie) live there; its
    // domain parts (sessions, sign-in checks) stay framework-free all the same.
    ignores: [
      'lib/auth/auth-options.ts', 'lib/auth/get-user-session.ts', 'lib/auth/require-user.ts', 'lib/auth/session-cookie.ts',
      // The same for staff: next-auth's options, the per-request helpers, the cookie.
      'lib/auth/staff-auth-options.ts', 'lib/auth/get-staff-session.ts', 'lib/auth/require-staff.ts', 'lib/auth/staff-session-cookie.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['next', 'next/*', 'react', 'react-dom', 'next-auth', 'next-auth/*'], message: 'lib/ knows nothing of React or HTTP frameworks.' }] },
      ],
    },
  },
  {
    // A server action's "not found" goes through actionNotFound
    // (components/forms/action-not-found.ts): Next.js draws notFound() from a
    // form posted without JavaScript outside the root layout.
    files: ['app/**/actions.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'next/navigation', importNames: ['notFound'], message: 'Use actionNotFound() from components/forms/action-not-found in server actions.' }] },
      ],
    },
  },
])
