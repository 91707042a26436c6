import { describe, expect, it } from 'vitest'
import { authLogger } from './auth-logger'

describe('authLogger', () => {
  it('keeps a bad session cookie out of the log and logs anything else as one line', () => {
    const lines: string[] = []
    const logger = authLogger({ log: (line) => lines.push(line) })
    logger.error('JWT_SESSION_ERROR', { error: new Error('decryption operation failed'), message: 'x' } as never)
    logger.error('SIGNIN_OAUTH_ERROR', new Error('provider down') as never)
    logger.error('CLIENT_FETCH_ERROR', {} as never)
    expect(lines).toEqual(['next-auth: SIGNIN_OAUTH_ERROR provider down', 'next-auth: CLIENT_FETCH_ERROR'])
  })
})
