import { describe, expect, it } from 'vitest'
import { compileExclusionRules, EMPTY_MATCHER, matchExclusion, type LiveRule } from './exclusion-matcher'

const now = new Date('2026-11-28T12:00:00Z')
const rule = (id: string, kind: LiveRule['kind'], value: string, expiresAt: Date | null = null): LiveRule => ({ id, kind, value, expiresAt })
const request = { username: 'jdoe', clientName: 'vpn', address: '198.51.100.7', now }

describe('matchExclusion', () => {
  const matcher = compileExclusionRules({
    rules: [
      rule('u1', 'USER', 'alice'),
      rule('g1', 'GROUP', 'kiosks'),
      rule('c1', 'API_CLIENT', 'lab-gw'),
      rule('a4', 'CLIENT_ADDRESS', '10.20.0.0/16'),
      rule('a6', 'CLIENT_ADDRESS', '2001:db8:aa::/48'),
    ],
    groupMembers: new Map([['kiosks', ['kiosk-1', 'kiosk-2']]]),
  })

  it('matches by user, group member, API client and address', () => {
    expect(matchExclusion(matcher, { ...request, username: 'alice' })).toEqual({ id: 'u1', kind: 'USER', value: 'alice' })
    expect(matchExclusion(matcher, { ...request, username: 'kiosk-2' })?.id).toBe('g1')
    expect(matchExclusion(matcher, { ...request, clientName: 'lab-gw' })?.id).toBe('c1')
    expect(matchExclusion(matcher, { ...request, address: '10.20.3.4' })?.id).toBe('a4')
    expect(matchExclusion(matcher, { ...request, address: '::ffff:10.20.3.4' })?.id).toBe('a4')
    expect(matchExclusion(matcher, { ...request, address: '2001:db8:aa:1::5' })?.id).toBe('a6')
  })

  it('matches nothing else, nor a missing or malformed address', () => {
    expect(matchExclusion(matcher, request)).toBeNull()
    expect(matchExclusion(matcher, { ...request, address: null })).toBeNull()
    expect(matchExclusion(matcher, { ...request, address: 'garbage' })).toBeNull()
    expect(matchExclusion(matcher, { ...request, address: '10.21.0.1' })).toBeNull()
    expect(matchExclusion(EMPTY_MATCHER, { ...request, username: 'alice' })).toBeNull()
  })

  it('ignores a rule once it has expired, even from a matcher compiled before', () => {
    const m = compileExclusionRules({ rules: [rule('u1', 'USER', 'jdoe', new Date(now.getTime() + 1000)), rule('a1', 'CLIENT_ADDRESS', '198.51.100.0/24', now)], groupMembers: new Map() })
    expect(matchExclusion(m, request)?.id).toBe('u1')
    expect(matchExclusion(m, { ...request, now: new Date(now.getTime() + 1000) })).toBeNull()
  })

  it('compiles no rules to the empty matcher, and skips a stored range that no longer parses', () => {
    expect(compileExclusionRules({ rules: [], groupMembers: new Map() })).toBe(EMPTY_MATCHER)
    const m = compileExclusionRules({ rules: [rule('x', 'CLIENT_ADDRESS', 'edited by hand')], groupMembers: new Map() })
    expect(matchExclusion(m, { ...request, address: '10.0.0.1' })).toBeNull()
  })
})
