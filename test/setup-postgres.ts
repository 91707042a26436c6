// Vitest setup file. With TEST_POSTGRES_URL (an admin URL of a throwaway
// cluster, see scripts/ci/postgres.sh) every test file gets a fresh
// PostgreSQL database with every migration applied, instead of a SQLite
// file; setUpTempDatabase() then points the file at it.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migratePostgres } from '@/lib/db/migrate-postgres'

const admin = process.env.TEST_POSTGRES_URL
if (admin && !process.env.TEST_DATABASE_URL) {
  const name = `tp_test_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  await migratePostgres({ url: url.toString() })
  process.env.TEST_DATABASE_URL = url.toString()
}
