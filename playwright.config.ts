import { defineConfig, devices } from '@playwright/test'
import { launchOptions } from './e2e/launch-options'
import { serverEnv } from './e2e/server-env'

const { baseURL, env, smtpPort, mailDir } = serverEnv()

export default defineConfig({
  testDir: './e2e',
  // Two servers on one PostgreSQL database: playwright.multi-instance.config.ts (npm run test:postgres);
  // FreeRADIUS in front of the portal: playwright.radius.config.ts (npm run test:radius).
  testIgnore: ['multi-instance/**', 'radius/**'],
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    { name: 'mobile', use: { ...devices['Pixel 7'], launchOptions } },
  ],
  webServer: [
    {
      // A real SMTP server that keeps every message as a file, for the mailbox fixture.
      command: 'node --import tsx e2e/smtp-sink-server.ts',
      port: smtpPort,
      env: { SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_DIR: mailDir },
      reuseExistingServer: false,
    },
    {
      // The real production server: migrations, a build if the sources changed, `next start`.
      command: 'node bin/portal.mjs serve',
      url: `${baseURL}/api/v1/health`,
      env,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
