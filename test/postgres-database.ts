import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** A new, empty database on the cluster behind `admin` (an admin URL); returns its URL. */
export async function createPostgresDatabase({ admin, prefix }: { admin: string; prefix: string }): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  const url = new URL(admin)
  url.pathname = `/${name}`
  return url.toString()
}
