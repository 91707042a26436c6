/**
 * Runs once when the server boots. A production server with a missing or
 * malformed secret must not start: it would serve pages that cannot open a
 * single token. One line naming the variable, then exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { ConfigError, getConfig } = await import('@/lib/config')
  try {
    getConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Token Portal cannot start: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
}
