import { apiAnswer, type THealthAnswer } from '@/lib/api'
import { getHealth } from '@/lib/health'

export const dynamic = 'force-dynamic'

// GET /api/v1/health → 200 when the database answers, 503 when it does not.
export async function GET() {
  const health: THealthAnswer = await getHealth()
  return apiAnswer(health.status === 'ok' ? 200 : 503, health)
}
