import 'server-only'
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>
type Transaction = Awaited<ReturnType<SqlDriverAdapter['startTransaction']>>

/**
 * One connection, one user at a time. Prisma's SQLite adapter has a single
 * connection and only its interactive transactions take its mutex: a plain
 * query from another request ran on the same connection *inside* whichever
 * transaction was open, and that transaction's rollback undid it (an outbox
 * claim, an `openedAt`, an audit row could vanish). Here every statement
 * outside a transaction waits until no transaction is open, and a
 * transaction waits until the statements before it are done. Statements of a
 * transaction go through its own object and never wait for this gate.
 *
 * A transaction callback that calls the outer client instead of its `tx`
 * would wait for itself: Prisma's transaction timeout then rolls it back,
 * loudly, where before the statement silently joined the transaction.
 */
export function serializeSqliteAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const gate = createGate()
  const queryRaw = adapter.queryRaw.bind(adapter)
  const executeRaw = adapter.executeRaw.bind(adapter)
  const executeScript = adapter.executeScript.bind(adapter)
  const startTransaction = adapter.startTransaction.bind(adapter)
  return Object.assign(adapter, {
    queryRaw: (query: Parameters<typeof queryRaw>[0]) => gate.run(() => queryRaw(query)),
    executeRaw: (query: Parameters<typeof executeRaw>[0]) => gate.run(() => executeRaw(query)),
    executeScript: (script: string) => gate.run(() => executeScript(script)),
    startTransaction: async (isolationLevel?: Parameters<typeof startTransaction>[0]): Promise<Transaction> => {
      const release = await gate.acquire()
      let transaction: Transaction
      try {
        transaction = await startTransaction(isolationLevel)
      } catch (error) {
        release()
        throw error
      }
      const commit = transaction.commit.bind(transaction)
      const rollback = transaction.rollback.bind(transaction)
      return Object.assign(transaction, {
        commit: () => commit().finally(release),
        rollback: () => rollback().finally(release),
      })
    },
  })
}

/** A first-come, first-served async lock. */
function createGate() {
  let tail: Promise<void> = Promise.resolve()
  const acquire = async (): Promise<() => void> => {
    let release!: () => void
    const previous = tail
    tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    return release
  }
  return {
    acquire,
    async run<T>(work: () => Promise<T>): Promise<T> {
      const release = await acquire()
      try {
        return await work()
      } finally {
        release()
      }
    },
  }
}
