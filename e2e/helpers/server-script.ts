import { spawnSync } from 'node:child_process'
import { serverEnv } from '../server-env'

/**
 * Runs one of the test set-up scripts in e2e/helpers (`*.mts`) with the
 * server's environment (or another server's: e2e/helpers/extra-server.ts),
 * so it works on that server's database through lib/; returns what it printed.
 */
export function runServerScript(script: string, args: string[], env: Record<string, string> = serverEnv().env): string {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', `e2e/helpers/${script}`, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`)
  return result.stdout
}
