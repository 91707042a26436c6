// Benchmark set-up: people with active TOTP tokens and known PINs, seeded
// straight into the benchmark's database, and a source of passcodes that
// the portal will accept, each at most once.
import { randomBytes } from 'node:crypto'

export type BenchPerson = { userId: string; tokenId: string; username: string; serial: string; secret: string; pin: string; lastStep: number }

/** Seeds `count` people who finished enrollment (run after prepareBenchDatabase/startBenchServer). */
export async function seedBenchTokens({ count }: { count: number }): Promise<BenchPerson[]> {
  const { sealSecret } = await import('../../lib/crypto')
  const { getDb } = await import('../../lib/db')
  const { generateOtpSecret } = await import('../../lib/otp')
  const { hashPin } = await import('../../lib/pins')
  const db = getDb()
  const people = Array.from({ length: count }, (_, i) => ({
    userId: `u${randomBytes(8).toString('hex')}`,
    tokenId: `t${randomBytes(8).toString('hex')}`,
    username: `bench${i}`,
    serial: `TB${String(i).padStart(8, '0')}`,
    secret: generateOtpSecret(),
    pin: String(100_000 + ((i * 7919) % 899_999)),
    lastStep: 0,
  }))
  for (let i = 0; i < people.length; i += 1000) {
    const chunk = people.slice(i, i + 1000)
    await db.user.createMany({ data: chunk.map((p) => ({ id: p.userId, username: p.username, email: `${p.username}@example.com` })) })
    await db.token.createMany({
      data: chunk.map((p) => {
        const sealed = sealSecret({ plaintext: p.secret, context: p.serial })
        return { id: p.tokenId, serial: p.serial, userId: p.userId, status: 'ACTIVE' as const, secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId, pinHash: hashPin({ tokenId: p.tokenId, pin: p.pin }), pinSetAt: new Date(), activatedAt: new Date(), verifiedAt: new Date() }
      }),
    })
  }
  return people
}

/**
 * Valid passcodes, each usable once: a token accepts one code per 30 s step,
 * and the ±1 window lets it take the current step's and then the next's. A
 * passcode taken now stays valid until the end of the next step.
 */
export async function passcodeSource(people: BenchPerson[]) {
  const { generateOtp } = await import('../../lib/otp')
  let cursor = 0
  return function nextPasscode(now = Date.now()): { person: BenchPerson; passcode: string } {
    const step = Math.floor(now / 30_000)
    let person = people[cursor++ % people.length]!
    for (let tries = 0; person.lastStep >= step + 1; tries++) {
      if (tries >= people.length) throw new Error('every token has used this step and the next: seed more tokens (--tokens)')
      person = people[cursor++ % people.length]!
    }
    const useStep = Math.max(step, person.lastStep + 1)
    person.lastStep = useStep
    return { person, passcode: `${person.pin}${generateOtp({ type: 'TOTP', secret: person.secret, timestamp: useStep * 30_000 })}` }
  }
}
