import { describe, expect, it } from 'vitest'
import {
  allowedTokenTypes,
  authenticatorAppsFrom,
  checkPin,
  DEFAULT_AUTHENTICATOR_APPS,
  defaultTokenName,
  detectPlatform,
  isTrivialPin,
  pinPolicyFrom,
  rulesOfUseFrom,
  storeLinksFor,
  ZTokenName,
} from '.'

const defaults = pinPolicyFrom({ pinMinLength: 4, pinMaxLength: 16, pinCharset: 'digits', pinRejectTrivial: true })
const codes = (pin: string, policy = defaults, username?: string) => checkPin({ pin, policy, username }).map((v) => v.code)

describe('PIN policy', () => {
  it('accepts a good PIN under the default rules (4–16 digits, nothing trivial)', () => {
    expect(codes('4827')).toEqual([])
    expect(codes('9051738264019283')).toEqual([])
  })

  it('explains each rule a PIN breaks', () => {
    expect(codes('')).toEqual(['required'])
    expect(codes('482')).toEqual(['too-short'])
    expect(codes('48273619502817364')).toEqual(['too-long'])
    expect(codes('48a7')).toEqual(['charset'])
    expect(codes('48 27')).toEqual(['charset'])
    expect(codes('４８２７')).toEqual(['charset'])
    expect(codes('12a')).toEqual(['too-short', 'charset'])
    expect(checkPin({ pin: '482', policy: defaults })[0]?.message).toBe('Your PIN has 3 characters; it needs at least 4.')
  })

  it('rejects trivial PINs: repeats, runs up and down, short cycles, common picks', () => {
    for (const pin of ['0000', '1111', '1234', '123456', '4321', '9876543210', '1212', '123123', '2580', '147147']) {
      expect(isTrivialPin(pin), pin).toBe(true)
      expect(codes(pin), pin).toEqual(['trivial'])
    }
    for (const pin of ['4827', '1357', '80215', '1243']) expect(isTrivialPin(pin), pin).toBe(false)
  })

  it('follows the configured length and charset, and never drops below 4', () => {
    const alnum = pinPolicyFrom({ pinMinLength: 6, pinMaxLength: 8, pinCharset: 'alphanumeric', pinRejectTrivial: false })
    expect(codes('Tr7kq2', alnum)).toEqual([])
    expect(codes('Tr7kq', alnum)).toEqual(['too-short'])
    expect(codes('Tr7-q2', alnum)).toEqual(['charset'])
    expect(codes('jdoe42', alnum, 'JDoe42')).toEqual(['username'])
    expect(codes('111111', alnum)).toEqual([])
    expect(pinPolicyFrom({ pinMinLength: 0, pinMaxLength: 2, pinCharset: 'x', pinRejectTrivial: true })).toEqual({
      minLength: 4,
      maxLength: 4,
      charset: 'digits',
      rejectTrivial: true,
    })
  })
})

describe('platform detection', () => {
  const ua = (userAgent: string, hint?: string) => ({ get: (name: string) => (name === 'user-agent' ? userAgent : name === 'sec-ch-ua-platform' ? (hint ?? null) : null) })
  it('reads the User-Agent, and the client hint where sent', () => {
    expect(detectPlatform(ua('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15'))).toBe('ios')
    expect(detectPlatform(ua('Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Mobile'))).toBe('android')
    expect(detectPlatform(ua('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36'))).toBe('windows')
    expect(detectPlatform(ua('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)'))).toBe('macos')
    expect(detectPlatform(ua('Mozilla/5.0 (X11; Linux x86_64)'))).toBe('linux')
    expect(detectPlatform(ua('Mozilla/5.0 (X11; Linux x86_64)', '"Android"'))).toBe('android')
    expect(detectPlatform(ua('curl/8.0'))).toBe('other')
  })
})

describe('authenticator apps', () => {
  it('lists the detected platform first and the rest under other devices', () => {
    const links = storeLinksFor({ apps: DEFAULT_AUTHENTICATOR_APPS, platform: 'android' })
    expect(links.primary.every((l) => l.url.startsWith('https://play.google.com/'))).toBe(true)
    expect(links.primary.length).toBeGreaterThan(0)
    expect(links.others.map((g) => g.platform)).toEqual(['ios', 'windows', 'macos', 'linux'])
    expect(storeLinksFor({ apps: DEFAULT_AUTHENTICATOR_APPS, platform: 'other' }).primary).toEqual([])
  })

  it('reads the list from settings, falling back to defaults when it is malformed or unsafe', () => {
    const custom = JSON.stringify([{ name: 'Corp Auth', links: { ios: 'https://apps.apple.com/app/corp/id1' } }])
    expect(authenticatorAppsFrom({ authenticatorApps: custom })).toEqual([{ name: 'Corp Auth', links: { ios: 'https://apps.apple.com/app/corp/id1' } }])
    expect(authenticatorAppsFrom({ authenticatorApps: '{nope' })).toBe(DEFAULT_AUTHENTICATOR_APPS)
    const script = JSON.stringify([{ name: 'Bad', links: { ios: 'javascript:alert(1)' } }])
    expect(authenticatorAppsFrom({ authenticatorApps: script })).toBe(DEFAULT_AUTHENTICATOR_APPS)
  })
})

describe('token types', () => {
  const settings = (allowed: string, byPlatform: string | null = null) => ({ allowedTokenTypes: allowed, tokenTypesByPlatform: byPlatform })
  it('offers TOTP by default and HOTP only where policy allows it', () => {
    expect(allowedTokenTypes({ settings: settings('TOTP'), platform: 'ios' })).toEqual(['TOTP'])
    expect(allowedTokenTypes({ settings: settings('TOTP,HOTP'), platform: 'ios' })).toEqual(['TOTP', 'HOTP'])
    const narrowed = settings('TOTP,HOTP', JSON.stringify({ phone: ['TOTP'], windows: ['HOTP'] }))
    expect(allowedTokenTypes({ settings: narrowed, platform: 'android' })).toEqual(['TOTP'])
    expect(allowedTokenTypes({ settings: narrowed, platform: 'windows' })).toEqual(['HOTP'])
    expect(allowedTokenTypes({ settings: narrowed, platform: 'linux' })).toEqual(['TOTP', 'HOTP'])
    // A platform rule can narrow, never widen; a broken setting never locks anyone out.
    expect(allowedTokenTypes({ settings: settings('TOTP', JSON.stringify({ ios: ['HOTP'] })), platform: 'ios' })).toEqual(['TOTP'])
    expect(allowedTokenTypes({ settings: settings('TOTP,HOTP', 'nope'), platform: 'ios' })).toEqual(['TOTP', 'HOTP'])
  })
})

describe('token names and rules of use', () => {
  it('defaults to username-serial and accepts 1–64 printable characters', () => {
    expect(defaultTokenName({ username: 'jdoe', serial: 'TP7K2M9QXA' })).toBe('jdoe-TP7K2M9QXA')
    expect(ZTokenName.parse('  Work phone  ')).toBe('Work phone')
    expect(ZTokenName.safeParse('Téléphone — pro').success).toBe(true)
    expect(ZTokenName.safeParse('x'.repeat(64)).success).toBe(true)
    expect(ZTokenName.safeParse('x'.repeat(65)).error?.issues[0]?.message).toBe('Keep the name to 64 characters or fewer.')
    expect(ZTokenName.safeParse('   ').error?.issues[0]?.message).toBe('Give your token a name.')
    expect(ZTokenName.safeParse('bad\u0000name').success).toBe(false)
    expect(ZTokenName.safeParse('rtl\u202Eoverride').success).toBe(false)
  })

  it('uses the rules from settings, one per line, or the defaults', () => {
    expect(rulesOfUseFrom({ rulesOfUse: null }).length).toBeGreaterThan(3)
    expect(rulesOfUseFrom({ rulesOfUse: ' First rule \n\n Second rule ' })).toEqual(['First rule', 'Second rule'])
  })
})
