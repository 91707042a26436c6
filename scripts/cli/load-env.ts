import { loadEnvConfig } from '@next/env'

/**
 * Loads .env, .env.local and friends exactly as Next.js does, so the CLI and
 * the server always agree on DATABASE_URL and the keys.
 */
export function loadEnv({ dir }: { dir: string }): void {
  loadEnvConfig(dir, process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error })
}
