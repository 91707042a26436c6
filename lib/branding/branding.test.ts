import { describe, expect, it } from 'vitest'
import { checkBrandColour, contrastRatio } from './contrast'
import { checkLogo } from './check-logo'
import { sanitizeSvg } from './sanitize-svg'
import { LOGO_MAX_BYTES, sniffLogoType } from './sniff-logo'
import { checkAuthenticatorAppsInput, checkBrandingInput, checkRulesOfUseInput } from './branding-input'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])
const text = (s: string) => new TextEncoder().encode(s)
const clean = (svg: string) => {
  const result = sanitizeSvg(svg)
  if (!result.ok) throw new Error(result.message)
  return result.svg
}

describe('contrast', () => {
  it('matches the WCAG examples around AA', () => {
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1)
  })

  it('refuses a colour below 4.5:1 with its ratio, and never rounds a refusal up to 4.5', () => {
    expect(checkBrandColour('#767676')).toMatchObject({ ok: true, colour: '#767676' })
    expect(checkBrandColour('#777777')).toEqual({ ok: false, message: '#777777 has a contrast of 4.4:1 against white; choose a darker colour (at least 4.5:1).' })
    expect(checkBrandColour('#7DD3FC')).toEqual({ ok: false, message: '#7dd3fc has a contrast of 1.6:1 against white; choose a darker colour (at least 4.5:1).' })
    expect(checkBrandColour('blue')).toMatchObject({ ok: false, message: expect.stringContaining('six hexadecimal digits') })
    expect(checkBrandColour('#1d4ed8;}body{')).toMatchObject({ ok: false })
  })
})

describe('logo type and size', () => {
  it('detects PNG, JPEG and SVG from the bytes, whatever the name', () => {
    expect(sniffLogoType(PNG)).toBe('image/png')
    expect(sniffLogoType(JPEG)).toBe('image/jpeg')
    expect(sniffLogoType(text('\uFEFF<?xml version="1.0"?>\n<!-- logo --><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml')
    expect(sniffLogoType(text('GIF89a....'))).toBeNull()
    expect(sniffLogoType(text('<html><svg></svg></html>'))).toBeNull()
    expect(sniffLogoType(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8]))).toBeNull()
  })

  it('takes 200 KB and refuses a byte more, and refuses empty and unknown files', () => {
    const atLimit = new Uint8Array(LOGO_MAX_BYTES)
    atLimit.set(PNG)
    expect(checkLogo(atLimit)).toMatchObject({ ok: true, contentType: 'image/png' })
    const over = new Uint8Array(LOGO_MAX_BYTES + 1)
    over.set(PNG)
    expect(checkLogo(over)).toEqual({ ok: false, message: 'The logo is 201 KB; it must be at most 200 KB.' })
    expect(checkLogo(new Uint8Array(0))).toMatchObject({ ok: false })
    expect(checkLogo(text('%PDF-1.7'))).toMatchObject({ ok: false, message: expect.stringContaining('PNG, JPEG or SVG') })
  })

  it('stores an SVG sanitised and names it by the hash of what is stored', () => {
    const checked = checkLogo(text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'))
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(new TextDecoder().decode(checked.bytes)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    expect(checked.hash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('sanitizeSvg', () => {
  const svg = (inner: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attrs}>${inner}</svg>`

  it('keeps an ordinary logo: shapes, gradients, text and internal references', () => {
    const out = clean(
      svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#123456"/></linearGradient></defs><title>Example</title><path d="M0 0h10v10z" fill="url(#g)"/><use xlink:href="#g"/><text x="1" y="9">Ex &amp; Co</text>'),
    )
    expect(out).toContain('<path d="M0 0h10v10z" fill="url(#g)"/>')
    expect(out).toContain('<use href="#g"/>')
    expect(out).toContain('<text x="1" y="9">Ex &amp; Co</text>')
    expect(out).toContain('<title>Example</title>')
  })

  it('drops script elements with their content', () => {
    const out = clean(svg('<script>alert(1)</script><script xlink:href="https://evil.example/x.js"/><rect width="1" height="1"/>'))
    expect(out).not.toMatch(/script|alert|evil/)
    expect(out).toContain('<rect width="1" height="1"/>')
  })

  it('drops event handlers', () => {
    const out = clean(svg('<rect width="1" height="1" onclick="alert(1)" ONMOUSEOVER="x()"/>', ' onload="alert(1)"'))
    expect(out).not.toMatch(/on\w+=|alert/i)
  })

  it('drops external href and xlink:href, and javascript: URLs', () => {
    const out = clean(svg('<use href="https://evil.example/a.svg#x"/><use xlink:href="//evil.example/b.svg#y"/><use href="javascript:alert(1)"/><a href="javascript:alert(1)"><rect width="1" height="1"/></a><image href="https://evil.example/t.png"/>'))
    expect(out).not.toMatch(/evil|javascript|href|<a|<image/)
  })

  it('drops foreignObject, style elements and external url() or @import in attributes', () => {
    const out = clean(
      svg(
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject><style>@import url(https://evil.example/a.css)</style>' +
          '<rect width="1" height="1" fill="url(https://evil.example/p.svg#p)" style="background:url(//evil.example/t)"/><circle r="1" style="fill:red;@import \'x\'"/><rect width="2" height="2" style="fill:blue"/>',
      ),
    )
    expect(out).not.toMatch(/foreignObject|evil|@import|<style|hi</)
    expect(out).toContain('<rect width="2" height="2" style="fill:blue"/>')
  })

  it('drops animation elements that could rewrite an href, comments and processing instructions', () => {
    const out = clean(`<?xml-stylesheet href="https://evil.example/s.css"?>${svg('<!-- x --><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/>')}`)
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>')
  })

  it('refuses DTDs, entity tricks, malformed XML and non-SVG roots', () => {
    expect(sanitizeSvg('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')).toMatchObject({ ok: false, message: expect.stringContaining('DTD') })
    expect(sanitizeSvg('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>')).toMatchObject({ ok: false })
    expect(sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><text>&lol;</text></svg>')).toMatchObject({ ok: false })
    expect(sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')).toMatchObject({ ok: false, message: expect.stringContaining('well-formed') })
    expect(sanitizeSvg('<svg xmlns="urn:example:not-svg"><rect/></svg>')).toMatchObject({ ok: false, message: expect.stringContaining('SVG namespace') })
    expect(sanitizeSvg('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toMatchObject({ ok: false })
  })

  it('escapes what it writes back, so text cannot become markup', () => {
    const out = clean(svg('<text><![CDATA[</text><script>alert(1)</script>]]></text>'))
    expect(out).toContain('<text>&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text>')
  })
})

describe('branding form input', () => {
  const good = { orgName: 'Example Corp', otpIssuer: 'Example VPN', supportContact: 'helpdesk@example.com, +1 555 0100', brandColor: '#0B5FFF' }

  it('takes good values (colour stored lower case) and reports every problem at once', () => {
    expect(checkBrandingInput(good)).toEqual({ ok: true, changes: { ...good, brandColor: '#0b5fff' } })
    const bad = checkBrandingInput({ orgName: ' ', otpIssuer: 'A:B', supportContact: 'x', brandColor: '#7dd3fc' })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(Object.keys(bad.errors).sort()).toEqual(['brandColor', 'orgName', 'otpIssuer'])
    expect(bad.errors.brandColor).toEqual(['#7dd3fc has a contrast of 1.6:1 against white; choose a darker colour (at least 4.5:1).'])
  })

  it('checks authenticator apps: https store links only, a named app needs a link, an empty row is ignored', () => {
    const ok = checkAuthenticatorAppsInput({ 'apps.0.name': 'Example OTP', 'apps.0.ios': 'https://apps.apple.com/app/x/id1', 'apps.1.name': '' }, 2)
    expect(ok).toEqual({ ok: true, changes: { authenticatorApps: JSON.stringify([{ name: 'Example OTP', links: { ios: 'https://apps.apple.com/app/x/id1' } }]) } })
    const bad = checkAuthenticatorAppsInput({ 'apps.0.name': 'A', 'apps.0.android': 'http://play.google.com/x', 'apps.1.name': 'B', 'apps.2.linux': 'https://x.example' }, 3)
    expect(bad).toEqual({
      ok: false,
      errors: {
        'apps.0.android': ['Enter a full https:// link to the store page.'],
        'apps.1.ios': ['Give at least one store link for this app.'],
        'apps.2.name': ['Enter the app’s name, or clear the whole row to remove it.'],
      },
    })
    expect(checkAuthenticatorAppsInput({ 'apps.0.ios': 'javascript:alert(1)', 'apps.0.name': 'A' }, 1)).toMatchObject({ ok: false })
    expect(checkAuthenticatorAppsInput({}, 2)).toEqual({ ok: false, errors: { form: ['Offer at least one authenticator app.'] } })
  })

  it('stores rules of use one per line, empty meaning the defaults', () => {
    expect(checkRulesOfUseInput(' First rule \r\n\nSecond rule\n')).toEqual({ ok: true, changes: { rulesOfUse: 'First rule\nSecond rule' } })
    expect(checkRulesOfUseInput('  \n ')).toEqual({ ok: true, changes: { rulesOfUse: null } })
  })
})
