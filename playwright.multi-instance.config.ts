import { defineConfig } from '@playwright/test'
import { launchOptions } from './e2e/launch-options'
import { serverEnv } from './e2e/server-env'

// Two production servers on different ports sharing one PostgreSQL database,
// as behind a load balancer, each with its own mail worker; one SMTP sink.
// Needs E2E_DATABASE_URL (npm run test:postgres starts a throwaway cluster).
if (!process.env.E2E_DATABASE_URL?.startsWith('postgres')) {
  throw new Error('playwright.multi-instance.config.ts needs E2E_DATABASE_URL=postgresql://… (see npm run test:postgres)')
}

const { baseURL, secondPort, secondBaseURL, env, smtpPort, mailDir } = serverEnv()

export default defineConfig({
  testDir: './e2e/multi-instance',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  timeout: 120_000,
  // A browser for the administrator's page (the policy case).
  use: { baseURL, launchOptions },
  webServer: [
    {
      command: 'node --import tsx e2e/smtp-sink-server.ts',
      port: smtpPort,
      env: { SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_DIR: mailDir, SMTP_SINK_DELAY_MS: '100' },
      reuseExistingServer: false,
    },
    // Started one after the other: the first migrates (and builds, if the
    // sources changed), the second finds both done.
    { command: 'node bin/portal.mjs serve', url: `${baseURL}/api/v1/health`, env, timeout: 180_000, reuseExistingServer: false, stdout: 'ignore', stderr: 'pipe' },
    {
      command: 'node bin/portal.mjs serve',
      url: `${secondBaseURL}/api/v1/health`,
      env: { ...env, PORT: String(secondPort) },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
