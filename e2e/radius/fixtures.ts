import { test as base } from '@playwright/test'
import { startFreeRadius, type FreeRadius } from '../../test/freeradius'
import { createApiKey } from '../helpers/gateway'
import { startPortalServer, type PortalServer } from './portal-server'

type WorkerFixtures = {
  /** The real portal, which a test may stop (the last one does). */
  portal: PortalServer
  /** FreeRADIUS with the shipped configuration, asking the portal with a key of its own. */
  radius: FreeRadius & { keyName: string }
}

export const test = base.extend<object, WorkerFixtures>({
  portal: [
    async ({}, provide) => {
      const server = await startPortalServer()
      await provide(server)
      await server.stop()
    },
    // The first start may build the portal.
    { scope: 'worker', timeout: 300_000 },
  ],
  radius: [
    async ({ portal }, provide) => {
      const { key, name } = createApiKey('radius')
      const radius = await startFreeRadius({ portalUrl: portal.baseURL, apiKey: key })
      await provide({ ...radius, keyName: name })
      await radius.stop()
    },
    { scope: 'worker' },
  ],
})

export { expect } from '@playwright/test'
