import fs from 'node:fs'

// Debian's Chromium where it exists (these machines cannot download
// Playwright's browser); otherwise Playwright's own. Shared by the
// Playwright configurations that open a browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const launchOptions = fs.existsSync(chromiumPath)
  ? {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {}
