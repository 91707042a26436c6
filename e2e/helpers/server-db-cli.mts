// Test helper: one statement against the server's database, SQLite or
// PostgreSQL alike (through lib/db's hot-path connection, which takes `?`
// placeholders for both). Run with the server's environment:
//   node --conditions=react-server --import tsx e2e/helpers/server-db-cli.mts get|all|run <sql> <params as JSON>
const [mode, text, params = '[]'] = process.argv.slice(2)
const { disconnectDb, getHotSql } = await import('../../lib/db')
const statement = { text: text!, values: JSON.parse(params) as (string | number | null)[] }
const result =
  mode === 'get' ? ((await getHotSql().query(statement))[0] ?? null) : mode === 'all' ? await getHotSql().query(statement) : await getHotSql().execute(statement)
// Counts come back as bigint from PostgreSQL and dates as Date objects: make both plain.
process.stdout.write(JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? Number(v) : v)))
await disconnectDb()
