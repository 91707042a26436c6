import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // `server-only` throws unless resolved with the react-server condition,
      // which is how Next.js and our CLI load lib/. Tests are server code too.
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 15_000,
    // PostgreSQL runs (TEST_POSTGRES_URL): a fresh database per test file.
    setupFiles: ['test/setup-postgres.ts'],
  },
})
