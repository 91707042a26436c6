import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from './is-database-unavailable'

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code })

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down, restarting or full', () => {
    for (const error of [
      coded('ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      coded('57P01', 'terminating connection due to administrator command'),
      coded('57P03', 'the database system is starting up'),
      coded('08006'),
      coded('53100', 'could not extend file: No space left on device'),
      coded('SQLITE_FULL', 'database or disk is full'),
      coded('SQLITE_IOERR_WRITE'),
      coded('P1001'),
      // Wrapped, as Prisma and the driver adapters hand them on.
      Object.assign(new Error('Invalid `prisma.user.findFirst()` invocation'), { meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }),
      Object.assign(new Error('query failed'), { cause: { kind: 'sqlite', extendedCode: 'SQLITE_FULL', message: 'disk full' } }),
      new AggregateError([coded('ECONNREFUSED')]),
    ]) {
      expect(isDatabaseUnavailable(error), String((error as Error).message)).toBe(true)
    }
  })

  it('leaves bugs and bad requests alone', () => {
    for (const error of [new Error('boom'), coded('P2002', 'Unique constraint failed'), coded('23505', 'duplicate key'), coded('SQLITE_CONSTRAINT_UNIQUE'), coded('42P01'), null, 'ECONNREFUSED', undefined]) {
      expect(isDatabaseUnavailable(error)).toBe(false)
    }
  })
})
