// What a gateway needs in a fault case's database: people with enrolled
// tokens and PINs (scripts/bench/bench-tokens), an API key, and a source of
// their valid passcodes.
import { passcodeSource, seedBenchTokens, type BenchPerson } from '../../../scripts/bench/bench-tokens.mjs'

export async function seedGateway({ people: count }: { people: number }): Promise<{ people: BenchPerson[]; key: string; nextPasscode: Awaited<ReturnType<typeof passcodeSource>> }> {
  const people = await seedBenchTokens({ count })
  const { CLI_ACTOR } = await import('../../../lib/audit')
  const { createApiClient } = await import('../../../lib/api-clients')
  const { key } = await createApiClient({ name: 'faults-gateway', actor: CLI_ACTOR })
  return { people, key, nextPasscode: await passcodeSource(people) }
}
