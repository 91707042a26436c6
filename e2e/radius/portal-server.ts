import { spawn } from 'node:child_process'
import { serverEnv } from '../server-env'

export type PortalServer = { baseURL: string; stop: () => Promise<void> }

async function answersHealth(baseURL: string): Promise<boolean> {
  try {
    return (await fetch(`${baseURL}/api/v1/health`)).ok
  } catch {
    return false
  }
}

/**
 * The real production server (`portal serve`: migrations, a build if the
 * sources changed, `next start`) on the e2e environment's port and fresh
 * database, started by the test itself rather than by Playwright's
 * webServer, so that a test can stop it: a RADIUS server must go quiet when
 * the portal does. Resolves once the health route answers.
 */
export async function startPortalServer(): Promise<PortalServer> {
  const { baseURL, env } = serverEnv()
  const child = spawn(process.execPath, ['bin/portal.mjs', 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let errors = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors = (errors + chunk).slice(-4000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  while (!(await answersHealth(baseURL))) {
    if (child.exitCode !== null) throw new Error(`the portal exited before it served:\n${errors}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    baseURL,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
      await exited
      // The launcher has exited; its server must not answer any more either.
      while (await answersHealth(baseURL)) await new Promise((resolve) => setTimeout(resolve, 100))
    },
  }
}
