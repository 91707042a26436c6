import { describe, expect, it } from 'vitest'
import { buildSecurityHeaders, securedResourceFor } from './security-headers'

describe('buildSecurityHeaders', () => {
  const base = { nonce: 'abc123abc123abc123==', appUrl: 'http://localhost:3000', isDev: false }

  it('allows scripts only by nonce, never inline or eval, in a build', () => {
    const csp = buildSecurityHeaders(base)['Content-Security-Policy']!
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123abc123abc123==' 'strict-dynamic'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
  })

  it('adds eval only for the dev server', () => {
    expect(buildSecurityHeaders({ ...base, isDev: true })['Content-Security-Policy']).toContain("'unsafe-eval'")
  })

  it('sends HSTS and upgrades requests only when APP_URL is https', () => {
    expect(buildSecurityHeaders(base)['Strict-Transport-Security']).toBeUndefined()
    const https = buildSecurityHeaders({ ...base, appUrl: 'https://portal.example.com' })
    expect(https['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains')
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests')
  })

  it('keeps enrollment links out of Referer and denies device features', () => {
    const h = buildSecurityHeaders(base)
    expect(h['Referrer-Policy']).toBe('no-referrer')
    expect(h['X-Content-Type-Options']).toBe('nosniff')
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(h['Permissions-Policy']).toContain(`${feature}=()`)
    }
  })
})

describe('headers per resource', () => {
  const base = { nonce: 'abc123abc123abc123==', appUrl: 'http://localhost:3000', isDev: false }

  it('gives the email preview and uploaded logos their own strict, sandboxed policy', () => {
    expect(securedResourceFor('/admin/branding/preview')).toBe('email-preview')
    expect(securedResourceFor('/admin/branding')).toBe('page')
    expect(securedResourceFor('/branding/logo/abc.svg')).toBe('logo')
    expect(securedResourceFor('/dev/mail/x/html')).toBe('mail-preview')
    const preview = buildSecurityHeaders({ ...base, resource: 'email-preview' })
    expect(preview['Content-Security-Policy']).toMatch(/^default-src 'none'; .*frame-ancestors 'self'.*; sandbox$/)
    expect(preview['X-Frame-Options']).toBe('SAMEORIGIN')
    const logo = buildSecurityHeaders({ ...base, resource: 'logo' })
    expect(logo['Content-Security-Policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox")
    expect(logo['X-Content-Type-Options']).toBe('nosniff')
    expect(logo['Cross-Origin-Resource-Policy']).toBe('cross-origin')
    expect(buildSecurityHeaders(base)['X-Frame-Options']).toBe('DENY')
  })
})
