export { createDbClient, disconnectDb, getDb, type Db } from './client'
export { getHotSql, joinSql, sql, type HotSql, type Sql, type SqlValue } from './hot-sql'
export { checkDatabase } from './check-database'
export { databaseKind, resolveDatabaseUrl, DEFAULT_DATABASE_URL, type DatabaseKind } from './database-url'
