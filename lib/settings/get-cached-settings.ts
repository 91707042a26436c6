import 'server-only'
import type { Settings } from '@/generated/prisma/client'
import { getSettings } from './get-settings'

const TTL_MS = 5_000
let cached: { at: number; value: Promise<Settings> } | null = null

/**
 * Settings for hot paths (the validation API): read at most every five
 * seconds per process. A policy change reaches every instance within that
 * time; nothing here holds state that must be shared between instances.
 */
export function getCachedSettings(now: number = Date.now()): Promise<Settings> {
  if (!cached || now - cached.at > TTL_MS) {
    const value = getSettings()
    cached = { at: now, value }
    value.catch(() => (cached = null))
  }
  return cached.value
}

/** Tests and admin changes in this process: read afresh next time. */
export function forgetCachedSettings(): void {
  cached = null
}
