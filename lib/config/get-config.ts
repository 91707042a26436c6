import { parseConfig, type Config } from './parse-config'

let cached: Config | undefined

/** The environment, parsed once per process. Throws ConfigError on a bad or missing value. */
export function getConfig(): Config {
  cached ??= parseConfig({ env: process.env })
  return cached
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined
}
