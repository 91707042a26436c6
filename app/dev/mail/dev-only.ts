import { notFound } from 'next/navigation'
import { getConfig } from '@/lib/config'

/**
 * The mail viewer shows live links: it exists only in quick-start mode
 * (APP_URL on localhost, listening on loopback only) without SMTP_URL, where
 * nobody but this machine can reach it. Never in a deployment.
 */
export function assertDevMailAvailable(): void {
  if (!getConfig().mailPreview) notFound()
}
