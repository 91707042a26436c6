// Pure: used by proxy.ts for every response. No Next.js or Node imports.

export type SecurityHeaderOptions = {
  /** Per-request random nonce for Next.js's own inline scripts. */
  nonce: string
  /** APP_URL: HSTS and upgrade-insecure-requests only when it is https. */
  appUrl: string
  /** `next dev` needs eval for fast refresh; never in a build. */
  isDev: boolean
}

export function buildContentSecurityPolicy({ nonce, appUrl, isDev }: SecurityHeaderOptions): string {
  const https = appUrl.startsWith('https:')
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets nonce-bearing scripts load the framework chunks;
    // no 'unsafe-inline': an injected <script> without the nonce never runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

// Nothing in the portal needs a device feature; deny them all so an injected
// script cannot ask either.
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'sync-xhr=()',
  'usb=()',
  'xr-spatial-tracking=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ')

/**
 * For the development mail viewer's HTML part: emails use inline styles and
 * remote images, and must never run script.
 */
export const MAIL_PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * For the admin's email preview (/admin/branding/preview): like the mail
 * viewer's, and framed by our own branding page only. `sandbox` makes it an
 * opaque origin that can run nothing even if the email held a script.
 */
export const EMAIL_PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox"

/**
 * For uploaded logos (/branding/logo/…): an SVG opened on its own runs
 * nothing and loads nothing even if the sanitiser missed something.
 */
export const LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"

/** Which kind of response the headers are for; pages by default. */
export type SecuredResource = 'page' | 'mail-preview' | 'email-preview' | 'logo'

/** The resource a path is, for proxy.ts. */
export function securedResourceFor(path: string): SecuredResource {
  if (/^\/dev\/mail\/[^/]+\/html$/.test(path)) return 'mail-preview'
  if (/^\/admin\/branding\/preview(\/|$)/.test(path)) return 'email-preview'
  if (/^\/branding\/logo\/[^/]+$/.test(path)) return 'logo'
  return 'page'
}

const CSP_FOR: Record<Exclude<SecuredResource, 'page'>, string> = { 'mail-preview': MAIL_PREVIEW_CSP, 'email-preview': EMAIL_PREVIEW_CSP, logo: LOGO_CSP }

export function buildSecurityHeaders(options: SecurityHeaderOptions & { mailPreview?: boolean; resource?: SecuredResource }): Record<string, string> {
  const resource = options.resource ?? (options.mailPreview ? 'mail-preview' : 'page')
  const headers: Record<string, string> = {
    'Content-Security-Policy': resource === 'page' ? buildContentSecurityPolicy(options) : CSP_FOR[resource],
    // Enrollment links carry a secret in the URL: it must never leak through Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': resource === 'email-preview' ? 'SAMEORIGIN' : 'DENY',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Logos appear in emails, which webmail shows from its own origin.
    'Cross-Origin-Resource-Policy': resource === 'logo' ? 'cross-origin' : 'same-origin',
    'X-DNS-Prefetch-Control': 'off',
  }
  if (options.appUrl.startsWith('https:')) {
    headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains'
  }
  return headers
}
