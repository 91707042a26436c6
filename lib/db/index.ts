export { createDbClient, disconnectDb, getDb, type Db } from './client'
export { checkDatabase } from './check-database'
export { databaseKind, resolveDatabaseUrl, DEFAULT_DATABASE_URL, type DatabaseKind } from './database-url'
