// Vitest setup file. With TEST_POSTGRES_URL (an admin URL of a throwaway
// cluster, see scripts/ci/postgres.sh) every test file gets a fresh
// PostgreSQL database with every migration applied, instead of a SQLite
// file; setUpTempDatabase() then points the file at it.
import { migratePostgres } from '@/lib/db/migrate-postgres'
import { createPostgresDatabase } from './postgres-database'

const admin = process.env.TEST_POSTGRES_URL
if (admin && !process.env.TEST_DATABASE_URL) {
  const url = await createPostgresDatabase({ admin, prefix: 'tp_test' })
  await migratePostgres({ url })
  process.env.TEST_DATABASE_URL = url
}
