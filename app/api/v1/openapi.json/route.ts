import { apiAnswer, buildOpenApiDocument } from '@/lib/api'
import { getConfig } from '@/lib/config'

export const dynamic = 'force-dynamic'

// GET /api/v1/openapi.json — the gateway API as OpenAPI 3.1, generated from
// the zod schemas the routes use. Keyless, like health: it holds no secret.
export async function GET() {
  return apiAnswer(200, buildOpenApiDocument({ serverUrl: getConfig().appUrl }))
}
