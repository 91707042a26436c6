// Fault 5: disk full under SQLite. The database lives on a small tmpfs
// (mounted here, as root) that a file fills up. Promises: while it is full,
// validate answers 503 {"error":"unavailable"} (a gateway fails over; no
// passcode is accepted and none is used up unrecorded), a person's form
// gets a clear page saying nothing was changed, health still answers, the
// server does not crash; nothing is corrupted (PRAGMA integrity_check); and
// once space is freed the same server works again within seconds.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { prepareFaultEnv } from '../harness/fault-env.mjs'
import { seedGateway } from '../harness/gateway.mjs'
import { hiddenFields, postForm } from '../harness/form.mjs'
import { createClient, type Answer } from '../harness/load.mjs'
import { check, newResult, note, type FaultResult } from '../harness/report.mjs'
import { integrityCheck, sqliteFile } from '../harness/sqlite.mjs'
import { waitFor } from '../harness/wait.mjs'

const FS_SIZE = '24m'
const RECOVERY_LIMIT_S = 5

export async function diskFull(): Promise<FaultResult> {
  const result = newResult('5. Disk full on SQLite')
  if (process.getuid?.() !== 0) return { ...result, skipped: 'mounting a size-limited tmpfs needs root' }
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-faults-disk-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${FS_SIZE},mode=0755`, 'tmpfs', mountPoint])
  // Unmounted however the run ends: a full tmpfs left behind holds memory.
  const unmount = () => {
    try {
      execFileSync('umount', ['-l', mountPoint])
      fs.rmSync(mountPoint, { recursive: true, force: true })
    } catch {
      // already unmounted
    }
  }
  process.once('exit', unmount)
  const faultEnv = await prepareFaultEnv({ name: 'disk', databaseUrl: `file:${path.join(mountPoint, 'portal.db')}` })
  const client = createClient({ base: faultEnv.base, maxSockets: 8 })
  const filler = path.join(mountPoint, 'filler')
  try {
    const { key, nextPasscode } = await seedGateway({ people: 200 })
    const { CLI_ACTOR } = await import('../../../lib/audit')
    const { addUser } = await import('../../../lib/users')
    await addUser({ input: { username: 'diskfull', email: 'diskfull@example.com' }, actor: CLI_ACTOR })
    const server = await faultEnv.start()
    const answers: Answer[] = []
    let wrongAccepts = 0
    const validate = async ({ wrong = false } = {}) => {
      const { person, passcode } = nextPasscode()
      const answer = await client.request('POST', '/api/v1/validate', { json: { username: person.username, passcode: wrong ? `9${passcode}` : passcode }, headers: { Authorization: `Bearer ${key}` } })
      answers.push(answer)
      if (wrong && answer.body.includes('"accept"')) wrongAccepts++
      return answer
    }
    const requestForm = hiddenFields(await (await fetch(`${faultEnv.base}/enroll/request`)).text())
    const askForLink = () => postForm({ url: `${faultEnv.base}/enroll/request`, fields: [...requestForm, ['identifier', 'diskfull']] })
    for (let i = 0; i < 5; i++) check(result, (await validate()).body.includes('"accept"'), 'validate accepts before the disk fills')

    // Fill it: the write-ahead log emptied first, so that the next commit needs new space.
    checkpoint(faultEnv.databaseUrl)
    fillUp(filler)
    note(result, `filesystem of ${FS_SIZE} full (${(fs.statSync(filler).size / 2 ** 20).toFixed(1)} MB of filler; ${fs.statfsSync(mountPoint).bavail} blocks left)`)

    const full: Answer[] = []
    for (let i = 0; i < 20; i++) full.push(await validate({ wrong: i % 4 === 3 }))
    const statuses = countBy(full.map((a) => String(a.status || a.error)))
    note(result, `validate with the disk full: ${JSON.stringify(statuses)}, slowest ${Math.round(Math.max(...full.map((a) => a.ms)))} ms`)
    check(result, full.every((a) => a.status === 503 && a.body.includes('"unavailable"') && a.headers['retry-after']), `validate answers 503 unavailable with Retry-After while the disk is full (${JSON.stringify(statuses)})`)
    check(result, full.every((a) => a.ms < 3000), 'and without hanging (each within 3 s)')
    // A person asks for a new link (a write) without JavaScript, as the form posts.
    const form = await askForLink()
    const formPage = form.location ? await (await fetch(new URL(form.location, faultEnv.base))).text() : ''
    const said = /<p[^>]*role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(formPage)?.[1]?.replace(/<[^>]+>/g, '').trim() ?? ''
    note(result, `"send me a new link" with the disk full: ${form.status} → "${said}"`)
    check(result, form.status === 303 && /cannot take requests right now\. Nothing was sent/.test(said), `a person's form says clearly that nothing was done (${form.status} ${form.location}: "${said}")`)
    const health = await client.request('GET', '/api/v1/health')
    note(result, `health with the disk full: ${health.status} ${health.body}`)
    check(result, health.status === 200 || health.status === 503, `health answers (${health.status || health.error})`)

    // Space comes back.
    fs.rmSync(filler)
    const freed = performance.now()
    let recovered = false
    await waitFor(async () => (await validate()).body.includes('"accept"'), { timeoutMs: RECOVERY_LIMIT_S * 1000, intervalMs: 100, what: 'validate to accept again' }).then(
      () => (recovered = true),
      () => undefined,
    )
    result.recoverySeconds = (performance.now() - freed) / 1000
    check(result, recovered, `validate accepts again within ${RECOVERY_LIMIT_S} s of space being freed`)
    const again = await askForLink()
    check(result, again.status === 303 && Boolean(again.location?.endsWith('/enroll/request/sent')), `the form works again (${again.status} ${again.location})`)
    for (let i = 0; i < 5; i++) await validate({ wrong: i % 2 === 1 })
    check(result, server.exitedWith() === null, `the server did not crash (${server.exitedWith()})`)
    await server.stop()
    const integrity = integrityCheck(faultEnv.databaseUrl)
    check(result, integrity === 'ok', `nothing is corrupted: integrity_check ${integrity}`)
    result.requests = answers.length
    result.wrongAccepts = wrongAccepts
    result.clientErrors = answers.filter((a) => a.status !== 200).length
    check(result, wrongAccepts === 0, `no wrong passcode is accepted (${wrongAccepts})`)
  } finally {
    client.close()
    fs.rmSync(filler, { force: true })
    await faultEnv.cleanup()
    unmount()
    process.off('exit', unmount)
  }
  return result
}

/** Moves the write-ahead log into the database file and empties it. */
function checkpoint(databaseUrl: string) {
  execFileSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(sqliteFile(databaseUrl))});d.pragma('wal_checkpoint(TRUNCATE)');d.close()`])
}

/** Writes until the filesystem refuses: megabytes, then single blocks. */
function fillUp(file: string) {
  const fd = fs.openSync(file, 'w')
  try {
    for (const size of [2 ** 20, 4096, 512]) {
      const chunk = Buffer.alloc(size, 1)
      for (;;) {
        try {
          if (fs.writeSync(fd, chunk) < size) break
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break
          throw error
        }
      }
    }
  } finally {
    fs.closeSync(fd)
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1
  return counts
}
