import { describe, expect, it } from 'vitest'
import { checkPostOrigin } from './check-post-origin'

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null })

describe('checkPostOrigin', () => {
  it('lets our own pages post, passing the real origin on even when the browser sent Origin: null', () => {
    expect(checkPostOrigin(headers({ host: 'portal.example', origin: 'null', 'sec-fetch-site': 'same-origin' }))).toEqual({ allow: true, origin: 'http://portal.example' })
    expect(checkPostOrigin(headers({ host: 'portal.example', origin: 'https://portal.example', 'sec-fetch-site': 'same-origin' }))).toEqual({ allow: true, origin: 'https://portal.example' })
    expect(checkPostOrigin(headers({ host: 'internal:3000', 'x-forwarded-host': 'portal.example', origin: 'https://portal.example' }))).toEqual({ allow: true, origin: 'https://portal.example' })
  })

  it('refuses posts a browser marks as from another site, whatever their Origin says', () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect(checkPostOrigin(headers({ host: 'portal.example', origin: 'https://portal.example', 'sec-fetch-site': site }))).toEqual({ allow: false })
    }
    expect(checkPostOrigin(headers({ host: 'portal.example', origin: 'https://evil.example' }))).toEqual({ allow: false })
    expect(checkPostOrigin(headers({ host: 'portal.example', origin: 'null' }))).toEqual({ allow: false })
    expect(checkPostOrigin(headers({ host: 'portal.example', origin: 'not a url' }))).toEqual({ allow: false })
    expect(checkPostOrigin(headers({ origin: 'https://portal.example' }))).toEqual({ allow: false })
  })

  it('lets a program without a browser through: it carries no one else’s cookies', () => {
    expect(checkPostOrigin(headers({ host: 'portal.example' }))).toEqual({ allow: true })
  })
})
