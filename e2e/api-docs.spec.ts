import { expect, test } from './fixtures'
import { getApi } from './helpers/gateway'

test('[API] the API reference page shows every route the OpenAPI document describes', async ({ page, request }) => {
  const document = await getApi(request, '/api/v1/openapi.json')
  expect(document.status).toBe(200)
  const paths = document.body.paths as Record<string, Record<string, { summary: string }>>
  const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, summary: op.summary })))
  expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['post /api/v1/validate', 'get /api/v1/check', 'get /api/v1/health', 'get /api/v1/openapi.json']))

  await page.goto('/api/docs')
  await expect(page.getByRole('heading', { level: 1, name: 'Gateway API reference' })).toBeVisible()
  await expect(page).toHaveTitle(/Gateway API reference/)
  for (const op of operations) {
    const section = page.getByRole('region', { name: op.summary })
    await expect(section).toBeVisible()
    await expect(section.getByText(`${op.method.toUpperCase()} ${op.path}`)).toBeVisible()
  }
  // Fields come from the schemas: validate's request names its three fields.
  const validateSection = page.getByRole('region', { name: 'Decide a sign-in' })
  for (const field of ['username', 'passcode', 'clientIp']) await expect(validateSection.getByRole('term').filter({ hasText: field }).first()).toBeVisible()
  await expect(page.getByRole('link', { name: '/api/v1/openapi.json' })).toHaveAttribute('href', '/api/v1/openapi.json')
})
