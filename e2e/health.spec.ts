import { expect, test } from './fixtures'
import { getApi } from './helpers/gateway'

test('[API] health check answers for gateways', async ({ request }) => {
  const response = await getApi(request, '/api/v1/health')
  expect(response.status).toBe(200)
  expect(response.headers['content-type']).toContain('application/json')
  expect(response.headers['cache-control']).toContain('no-store')
  // The e2e server sends through SMTP_URL (the test sink); without it, "mail" reads "outbox".
  expect(response.body).toEqual({ status: 'ok', database: 'ok', mail: 'ok' })
})
