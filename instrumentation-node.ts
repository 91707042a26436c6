import { ConfigError, getConfig } from '@/lib/config'

// A production server with a missing or malformed secret must not start: it
// would serve pages that cannot open a single token. One line naming the
// variable, then exit.
try {
  getConfig()
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Token Portal cannot start: ${error.message}`)
    process.exit(1)
  }
  throw error
}
