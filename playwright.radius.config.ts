import { defineConfig } from '@playwright/test'
import { serverEnv } from './e2e/server-env'

// npm run test:radius: FreeRADIUS with the shipped configuration
// (deploy/freeradius) in front of the real production server, driven with
// radclient. Needs Debian's freeradius, freeradius-rest and freeradius-utils.
// The tests start the portal themselves (e2e/radius/fixtures.ts): the last
// one stops it. Ports, database and keys are chosen here, once.
serverEnv()

export default defineConfig({
  testDir: './e2e/radius',
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  timeout: 60_000,
})
