import { getHealth } from '@/lib/health'

export const dynamic = 'force-dynamic'

// GET /api/v1/health → 200 when the database answers, 503 when it does not.
export async function GET() {
  const health = await getHealth()
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
