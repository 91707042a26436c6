import { notFound } from 'next/navigation'
import { getConfig } from '@/lib/config'

/** The mail viewer shows live links: it exists only outside production. */
export function assertDevMailAvailable(): void {
  if (getConfig().isProductionDeployment) notFound()
}
