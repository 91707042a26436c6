// Fault 2: kill -9 during enrollment activation. 50 people are at the last
// step (token added and its code checked; PIN and name to go); all press
// "Activate" at once while the server is killed with SIGKILL at a random
// moment, twice, and started again; whoever got no answer presses again.
// Promise, checked after each kill with the server down and at the end:
// every enrollment is either still pending with its link usable (it resumes
// at the PIN step) or fully done (token active with its PIN, link consumed,
// "token enrolled" email queued, audited once), never half of it.
import { prepareFaultEnv } from '../harness/fault-env.mjs'
import { hiddenFields, postForm, type FormAnswer } from '../harness/form.mjs'
import { inviteNewUsers } from '../harness/mail.mjs'
import { check, newResult, note, type FaultResult } from '../harness/report.mjs'
import { waitFor } from '../harness/wait.mjs'

const PEOPLE = 50
const KILLS = 2
const PIN = '482731'

type Person = { username: string; email: string; link: string; cookie: string; tokenId: string; fields: [string, string][] }

export async function killEnrollment(): Promise<FaultResult> {
  const result = newResult('2. kill -9 during enrollment activation')
  const faultEnv = await prepareFaultEnv({ name: 'enroll' })
  try {
    const people = await atThePinStep()
    const { disconnectDb } = await import('../../../lib/db')
    await disconnectDb()
    let server = await faultEnv.start()
    // The PIN page, as each person's browser loaded it (its form names the server action).
    for (const person of people) {
      const page = await fetch(`${faultEnv.base}/enroll/${person.link}/pin`, { headers: { Cookie: person.cookie } })
      if (page.status !== 200) throw new Error(`the PIN page answered ${page.status}`)
      person.fields = hiddenFields(await page.text())
    }

    const answers: FormAnswer[] = []
    const finished = new Set<string>()
    const half: string[] = []
    let pendingSeen = 0
    for (let round = 0; round <= KILLS; round++) {
      const waiting = people.filter((p) => !finished.has(p.username))
      const activate = waiting.map(async (person) => {
        const answer = await postForm({
          url: `${faultEnv.base}/enroll/${person.link}/pin`,
          cookie: person.cookie,
          fields: [...person.fields, ['pin', PIN], ['pinConfirm', PIN], ['name', 'Work phone']],
        })
        answers.push(answer)
        if (answer.status === 303 && answer.location?.endsWith(`/enroll/${person.link}/done`)) finished.add(person.username)
        return answer
      })
      if (round === KILLS) {
        await Promise.all(activate)
        // Anyone answered "busy" (503, the load shedder on a crowded machine) presses again.
        for (const until = performance.now() + 60_000; finished.size < people.length && performance.now() < until; ) {
          await Promise.all(
            people
              .filter((p) => !finished.has(p.username))
              .map(async (person) => {
                const answer = await postForm({ url: `${faultEnv.base}/enroll/${person.link}/pin`, cookie: person.cookie, fields: [...person.fields, ['pin', PIN], ['pinConfirm', PIN], ['name', 'Work phone']] })
                answers.push(answer)
                if (answer.status === 303 && answer.location?.endsWith(`/enroll/${person.link}/done`)) finished.add(person.username)
              }),
          )
        }
        break
      }
      // A random moment: once between 1 and half of this round's answers are back
      // (any answer: on a crowded machine some are "busy" 503s).
      const before = finished.size
      const answeredBefore = answers.length
      const after = 1 + Math.floor(Math.random() * Math.max(1, Math.floor(waiting.length / 2)))
      await waitFor(() => answers.length - answeredBefore >= after, { timeoutMs: 60_000, what: `${after} answers` })
      await server.kill()
      await Promise.all(activate)
      const states = await classify(people)
      half.push(...states.half)
      pendingSeen += states.pending.length
      note(result, `kill ${round + 1}: SIGKILL after ${finished.size - before} of ${waiting.length} activations answered; then ${states.active.length} active, ${states.pending.length} pending and resumable, ${states.half.length} half-done`)
      const restart = performance.now()
      server = await faultEnv.start()
      // Time to recover: from the restart until the server answers again.
      result.recoverySeconds = Math.max(result.recoverySeconds ?? 0, (performance.now() - restart) / 1000)
    }

    const end = await classify(people)
    half.push(...end.half)
    const { integrityCheck } = await import('../harness/sqlite.mjs')
    const integrity = integrityCheck(faultEnv.databaseUrl)
    result.requests = answers.length
    result.clientErrors = answers.filter((a) => a.status !== 303).length
    note(result, `answers: ${JSON.stringify(countBy(answers.map((a) => String(a.status || a.error))))}; ${pendingSeen} enrollments were found pending after a kill and finished on a second press`)
    check(result, half.length === 0, `never half an enrollment (${half.length} found: ${half.slice(0, 3).join('; ')})`)
    check(result, end.active.length === PEOPLE, `every enrollment completes once pressed again after the restart (${end.active.length} of ${PEOPLE})`)
    check(result, answers.every((a) => a.status === 303 || a.status === 0 || a.status === 503), `every answer is the done page, "busy" or a dropped connection (${JSON.stringify(countBy(answers.map((a) => String(a.status))))})`)
    check(result, integrity === 'ok', `the database is intact (integrity_check: ${integrity})`)
    await server.stop()
  } finally {
    await faultEnv.cleanup()
  }
  return result
}

/** PEOPLE invited, started and code-checked through lib/, as the earlier pages did it: only Activate is left. */
async function atThePinStep(): Promise<Person[]> {
  const { getDb } = await import('../../../lib/db')
  const { readMailBody } = await import('../../../lib/mail')
  const { startEnrollment, verifyEnrollmentCode, BROWSER_COOKIE } = await import('../../../lib/enrollment')
  const { readTokenSecret } = await import('../../../lib/tokens')
  const { generateOtp } = await import('../../../lib/otp')
  await inviteNewUsers({ count: PEOPLE, prefix: 'enrollee' })
  const people: Person[] = []
  for (const message of await getDb().outboxMessage.findMany({ where: { template: 'enrollment-invitation' } })) {
    const link = /\/enroll\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)?.[1]
    if (!link) throw new Error('no link in an invitation')
    const started = await startEnrollment({ token: link, browser: null, platform: 'android' })
    if (!started.ok || !started.browser) throw new Error(`start refused: ${JSON.stringify(started)}`)
    const token = await getDb().token.findUniqueOrThrow({ where: { id: started.tokenId } })
    const checked = await verifyEnrollmentCode({ token: link, browser: started.browser.value, code: generateOtp({ type: 'TOTP', secret: readTokenSecret({ token }) }) })
    if (!checked.verified) throw new Error('the code check failed')
    const user = await getDb().user.findFirstOrThrow({ where: { email: message.to } })
    people.push({ username: user.username, email: user.email, link, cookie: `${BROWSER_COOKIE}=${started.browser.value}`, tokenId: started.tokenId, fields: [] })
  }
  if (people.length !== PEOPLE) throw new Error(`${people.length} invitations, expected ${PEOPLE}`)
  return people
}

/** Each enrollment's state, read with the server down. */
async function classify(people: Person[]): Promise<{ active: string[]; pending: string[]; half: string[] }> {
  const { disconnectDb, getDb } = await import('../../../lib/db')
  const { enrollmentStep, resolveInvitationLink } = await import('../../../lib/enrollment')
  const { verifyPin } = await import('../../../lib/pins')
  const out = { active: [] as string[], pending: [] as string[], half: [] as string[] }
  for (const person of people) {
    const token = await getDb().token.findUniqueOrThrow({ where: { id: person.tokenId }, include: { invitation: true } })
    const mails = await getDb().outboxMessage.count({ where: { to: person.email, template: 'token-enrolled' } })
    const audited = await getDb().auditEvent.count({ where: { action: 'token.enrolled', subjectId: person.tokenId } })
    const link = await resolveInvitationLink({ token: person.link, browser: person.cookie.split('=')[1] })
    const facts = { status: token.status, pin: Boolean(token.pinHash), used: Boolean(token.invitation?.usedAt), mails, audited, step: enrollmentStep(link) }
    const active = token.status === 'ACTIVE' && token.pinHash !== null && verifyPin({ tokenId: token.id, pin: PIN, pinHash: token.pinHash }) && facts.used && mails === 1 && audited === 1
    const pending = token.status === 'PENDING' && !facts.pin && !facts.used && mails === 0 && audited === 0 && facts.step === 'pin'
    if (active) out.active.push(person.username)
    else if (pending) out.pending.push(person.username)
    else out.half.push(`${person.username} ${JSON.stringify(facts)}`)
  }
  await disconnectDb()
  return out
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1
  return counts
}
