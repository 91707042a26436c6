import { expect, test } from './fixtures'
import { choosePin, currentCode, readEnrollmentString } from './helpers/enrollment'
import { createApiKey, seedToken, validate } from './helpers/gateway'
import { mailFor, waitForMail } from './helpers/mailbox'
import { openToken, personWithHotp, signIn } from './helpers/portal'
import { queryServerDb, updateServerDb } from './helpers/server-db'

// "Manage my tokens": sign in with PIN + code, then what a person does with
// their tokens, each checked against the validation API a gateway calls.

const REJECT = { result: 'reject', message: 'Access denied' }

test('[PORTAL] signs in with PIN + code (used up at the gateway), shows my tokens and activity, and signs out', async ({ page, request }) => {
  const token = seedToken('4827')
  await page.goto('/tokens')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to manage your tokens' })).toBeVisible()

  // A wrong passcode: one clear message, counted toward the token's lockout.
  await page.getByLabel('Username').fill(token.username)
  await page.getByLabel('Passcode').fill(`1111${currentCode(token.secret)}`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'That did not work' })).toHaveText(
    'That did not work. Check your username, and type your PIN followed by the code your app shows now.',
  )
  expect(queryServerDb<{ failedAttempts: number }>('SELECT "failedAttempts" FROM "Token" WHERE "id" = ?', token.tokenId).failedAttempts).toBe(1)
  await expect(page.getByLabel('Username')).toHaveValue(token.username)

  const passcode = `4827${currentCode(token.secret)}`
  await page.getByLabel('Passcode').fill(passcode)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My tokens' })).toBeVisible()
  const card = page.getByRole('listitem').filter({ hasText: token.serial })
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(`${token.username}-${token.serial}`)
  await expect(card.getByText('Active', { exact: true })).toBeVisible()
  await expect(card.getByText(/change it by/)).toBeVisible()

  // The code that signed in here never signs in at a gateway.
  const { key } = createApiKey()
  expect((await validate(request, key, { username: token.username, passcode })).body).toEqual(REJECT)

  await page.getByRole('link', { name: 'Activity' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()
  const rows = page.getByRole('row')
  await expect(rows.filter({ hasText: 'Signed in to this portal' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Sign-in to this portal refused' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'VPN or remote desktop sign-in refused' })).toHaveCount(1)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('status')).toHaveText('You are signed out.')
  await page.goto('/tokens')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to manage your tokens' })).toBeVisible()
})

test('[PORTAL] changes a PIN with a fresh code: the old PIN stops working, the new one works, other devices are signed out', async ({ page, browser, request }) => {
  const person = personWithHotp('4827')
  const name = `${person.username}-${person.serial}`
  // Signed in on another device too.
  const other = await browser.newContext()
  const otherPage = await other.newPage()
  await signIn(otherPage, { username: person.username, passcode: `4827${person.next()}` })
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  await openToken(page, name)
  await page.getByRole('link', { name: 'Change PIN' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Change the PIN of ${name}` })).toBeVisible()

  const submit = async (code: string, pin: string, confirm = pin) => {
    await page.getByLabel('Code from your app').fill(code)
    await page.getByLabel('New PIN', { exact: true }).fill(pin)
    await page.getByLabel('New PIN again, to confirm').fill(confirm)
    await page.getByRole('button', { name: 'Change PIN' }).click()
  }
  await submit(person.next(), '4827')
  await expect(page.getByText('Choose a PIN different from your current one.')).toBeVisible()
  await submit('000000', '5938')
  await expect(page.getByText('That code did not match. Type the code your app shows now for this token.')).toBeVisible()
  await submit(person.next(), '5938')
  await expect(page.getByRole('status')).toHaveText('Your new PIN is set. Every other device signed in to this portal was signed out.')

  const { key } = createApiKey()
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual(REJECT)
  expect((await validate(request, key, { username: person.username, passcode: `5938${person.next()}` })).body).toEqual({ result: 'accept' })
  await waitForMail(person.email, { subject: /^The PIN of your sign-in token was changed/ })

  await otherPage.goto('/tokens')
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Sign in to manage your tokens' })).toBeVisible()
  await other.close()
})

test('[PORTAL] renames a token and resynchronises a counter-based one', async ({ page, request }) => {
  const person = personWithHotp('4827')
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  await openToken(page, `${person.username}-${person.serial}`)
  await page.getByRole('link', { name: 'Rename' }).click()
  const nameField = page.getByLabel('Token name')
  await nameField.fill('')
  await page.getByRole('button', { name: 'Save the name' }).click()
  await expect(page.getByText('Give your token a name.')).toBeVisible()
  await nameField.fill('Work phone')
  await page.getByRole('button', { name: 'Save the name' }).click()
  await expect(page.getByRole('status')).toHaveText('Your token was renamed.')
  await expect(page.getByRole('heading', { level: 1, name: 'Work phone' })).toBeVisible()
  await waitForMail(person.email, { subject: /^Your sign-in token was renamed/ })

  // The app was pressed 30 times without signing in: far past the look-ahead.
  for (let i = 0; i < 30; i++) person.next()
  await page.getByRole('link', { name: 'Resynchronise' }).click()
  await page.getByLabel('First code').fill(person.next())
  await page.getByLabel('The next code').fill('000000')
  await page.getByRole('button', { name: 'Resynchronise' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not follow each other' })).toBeVisible()
  await page.getByLabel('First code').fill(person.next())
  await page.getByLabel('The next code').fill(person.next())
  await page.getByRole('button', { name: 'Resynchronise' }).click()
  await expect(page.getByRole('status')).toHaveText('Your token is back in step with its app. Sign in with the next code it shows.')
  const { key } = createApiKey()
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual({ result: 'accept' })
})

test('[PORTAL] reports a token lost (it stops working at once) and sets up a replacement right away', async ({ page, request }) => {
  test.setTimeout(90_000)
  const person = personWithHotp('4827')
  const name = `${person.username}-${person.serial}`
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  await openToken(page, name)
  await page.getByRole('link', { name: 'Report lost or stolen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Report ${name} lost or stolen` })).toBeVisible()
  await page.getByRole('button', { name: `Report ${name} lost` }).click()
  await expect(page.getByRole('status')).toContainText('Your token was reported lost.')
  await expect(page.getByRole('listitem').filter({ hasText: person.serial }).getByText('Reported lost')).toBeVisible()
  const { key } = createApiKey()
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual(REJECT)
  await waitForMail(person.email, { subject: /^Your sign-in token was reported lost/ })

  await page.getByRole('button', { name: 'Set up a new token' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /let’s set up your token/ })).toBeVisible()
  await page.getByRole('button', { name: 'Start' }).click()
  await page.getByRole('link', { name: 'I already have an authenticator app' }).click()
  const secret = await readEnrollmentString(page)
  await page.getByLabel('Code from your app').fill(currentCode(secret))
  await page.getByRole('button', { name: 'Check the code' }).click()
  await choosePin(page, { pin: '5938', name: 'New phone' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()
  expect((await validate(request, key, { username: person.username, passcode: `5938${currentCode(secret, 30)}` })).body).toEqual({ result: 'accept' })
})

test('[PORTAL] revokes a token only after its name is typed', async ({ page, request }) => {
  const person = personWithHotp('4827')
  const name = `${person.username}-${person.serial}`
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  await openToken(page, name)
  await page.getByRole('link', { name: 'Revoke' }).click()
  const confirm = page.getByLabel(`Type “${name}” to confirm`)
  await confirm.fill('something else')
  await page.getByRole('button', { name: 'Revoke this token' }).click()
  await expect(page.getByText(`Type the token’s name exactly as shown, “${name}”, to confirm.`)).toBeVisible()
  expect(queryServerDb<{ status: string }>('SELECT "status" FROM "Token" WHERE "id" = ?', person.tokenId).status).toBe('ACTIVE')
  await confirm.fill(name)
  await page.getByRole('button', { name: 'Revoke this token' }).click()
  await expect(page.getByRole('status')).toHaveText('Your token was revoked. It no longer works anywhere.')
  await expect(page.getByText('You have no token at the moment.')).toBeVisible()
  const { key } = createApiKey()
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual(REJECT)
})

test('[PORTAL] moves to a new phone: the old token works until the new one is active, not after', async ({ page, request }) => {
  test.setTimeout(90_000)
  const person = personWithHotp('4827')
  const name = `${person.username}-${person.serial}`
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  await openToken(page, name)
  await page.getByRole('link', { name: 'Move to a new phone' }).click()
  await page.getByRole('button', { name: 'Start setting up the new phone' }).click()
  await expect(page.getByRole('note')).toContainText(`You already have a token (${name})`)
  await page.getByRole('button', { name: 'Start' }).click()
  await page.getByRole('link', { name: 'I already have an authenticator app' }).click()
  const secret = await readEnrollmentString(page)
  const { key } = createApiKey()
  // Halfway through, the old phone still signs in.
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual({ result: 'accept' })
  await page.getByLabel('Code from your app').fill(currentCode(secret))
  await page.getByRole('button', { name: 'Check the code' }).click()
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual({ result: 'accept' })
  await choosePin(page, { pin: '5938', name: 'New phone' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()
  // Now only the new one.
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual(REJECT)
  expect((await validate(request, key, { username: person.username, passcode: `5938${currentCode(secret, 30)}` })).body).toEqual({ result: 'accept' })
})

test('[PORTAL] recovery codes are shown once and sign in for a limited session, each code once', async ({ page }) => {
  test.setTimeout(90_000)
  const person = personWithHotp('4827')
  const name = `${person.username}-${person.serial}`
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  await page.getByRole('link', { name: 'Recovery codes' }).click()
  await expect(page.getByText('You have no recovery codes yet.')).toBeVisible()
  await page.getByRole('button', { name: 'Create recovery codes' }).click()
  const list = page.getByRole('list', { name: 'Your recovery codes' })
  await expect(list.getByRole('listitem')).toHaveCount(10)
  const codes = await list.getByRole('listitem').allInnerTexts()
  await expect(page.getByRole('link', { name: 'Download as a text file' })).toHaveAttribute('download', 'recovery-codes.txt')
  // Shown once: after a reload only the count remains.
  await page.reload()
  await expect(page.getByText(/^You have 10 unused codes, created /)).toBeVisible()
  expect(await page.content()).not.toContain(codes[0])
  await page.getByRole('button', { name: 'Sign out' }).click()

  const recoverySignIn = async (code: string) => {
    await page.goto('/sign-in/recovery')
    await page.getByLabel('Username').fill(person.username)
    await page.getByLabel('Recovery code', { exact: true }).fill(code)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }
  await recoverySignIn(codes[0]!.toLowerCase())
  await expect(page.getByRole('heading', { level: 1, name: 'My tokens' })).toBeVisible()
  await expect(page.getByText('You signed in without your token, so you can only report a token lost')).toBeVisible()
  await expect(page.getByRole('link', { name: `Manage ${name}` })).toHaveCount(0)
  await expect(page.getByRole('link', { name: `Report ${name} lost or stolen` })).toBeVisible()
  // Nothing else is reachable in a limited session.
  for (const path of ['/recovery-codes', '/activity', `/tokens/${person.tokenId}`, `/tokens/${person.tokenId}/change-pin`]) {
    await page.goto(path)
    await expect(page).toHaveURL(/\/tokens$/)
  }
  await page.getByRole('button', { name: 'Sign out' }).click()
  await recoverySignIn(codes[0]!)
  await expect(page.getByRole('alert').filter({ hasText: 'That did not work' })).toContainText('each recovery code works once')
  await waitForMail(person.email, { subject: /^A recovery code was used/ })
})

test('[PORTAL] "I can’t sign in": an emailed link (not used up by opening it) signs in once, to report the token lost', async ({ page }) => {
  const person = personWithHotp('4827')
  const name = `${person.username}-${person.serial}`
  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'I can’t sign in' }).click()
  await page.getByLabel('Username or email address').fill(person.email.toUpperCase())
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  const mail = await waitForMail(person.email, { subject: /^Sign in to .* without your token/ })
  const link = /https?:\/\/\S+\/sign-in\/link\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0]

  // A mail scanner opens it first: nothing happens.
  expect((await page.request.get(link)).status()).toBe(200)
  await page.goto(link)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My tokens' })).toBeVisible()
  await page.getByRole('link', { name: `Report ${name} lost or stolen` }).click()
  await page.getByRole('button', { name: `Report ${name} lost` }).click()
  await expect(page.getByRole('status')).toContainText('Your token was reported lost.')
  await expect(page.getByRole('button', { name: 'Set up a new token' })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'This sign-in link can no longer be used' })).toBeVisible()
})

test('[PORTAL] "Forgot my PIN": a link by email, a code from the token as proof, and a new PIN', async ({ page, request }) => {
  const person = personWithHotp('4827')
  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'Forgot my PIN' }).click()
  await page.getByLabel('Username or email address').fill(person.username)
  await page.getByRole('button', { name: 'Email me a link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  const mail = await waitForMail(person.email, { subject: /^Set a new PIN for your sign-in token/ })
  const link = /https?:\/\/\S+\/forgot-pin\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0]

  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: /^Set a new PIN/ })).toBeVisible()
  const fill = async (code: string, pin: string) => {
    await page.getByLabel('Code from your app').fill(code)
    await page.getByLabel('New PIN', { exact: true }).fill(pin)
    await page.getByLabel('New PIN again, to confirm').fill(pin)
    await page.getByRole('button', { name: 'Set my new PIN' }).click()
  }
  await fill('000000', '5938')
  await expect(page.getByText('That code did not match. Type the code your app shows now for this token.')).toBeVisible()
  expect(queryServerDb<{ failedAttempts: number }>('SELECT "failedAttempts" FROM "Token" WHERE "id" = ?', person.tokenId).failedAttempts).toBe(1)
  await fill(person.next(), '5938')
  await expect(page.getByRole('heading', { level: 1, name: 'Your new PIN is set' })).toBeVisible()
  const { key } = createApiKey()
  expect((await validate(request, key, { username: person.username, passcode: `5938${person.next()}` })).body).toEqual({ result: 'accept' })
  // Used up with the change.
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'This link can no longer be used' })).toBeVisible()
})

test('[PORTAL] an expired PIN must be changed before anything else', async ({ page }) => {
  const person = personWithHotp('4827')
  updateServerDb('UPDATE "Token" SET "pinSetAt" = ? WHERE "id" = ?', '2025-01-01T00:00:00.000+00:00', person.tokenId)
  await page.goto('/sign-in')
  await page.getByLabel('Username').fill(person.username)
  await page.getByLabel('Passcode').fill(`4827${person.next()}`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('status')).toHaveText('Your PIN has expired. Choose a new one before anything else.')
  await page.goto('/tokens')
  await expect(page.getByRole('heading', { level: 1, name: /^Change the PIN of / })).toBeVisible()
  await page.getByLabel('Code from your app').fill(person.next())
  await page.getByLabel('New PIN', { exact: true }).fill('5938')
  await page.getByLabel('New PIN again, to confirm').fill('5938')
  await page.getByRole('button', { name: 'Change PIN' }).click()
  await expect(page.getByRole('status')).toHaveText('Your new PIN is set. Every other device signed in to this portal was signed out.')
  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'My tokens' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My tokens' })).toBeVisible()
})

test.describe('security', () => {
  test.skip(({ isMobile }) => isMobile, 'server behaviour: one run is enough')

  test('[SECURITY] another user’s token id gets 404 on every token page and action, and nothing changes', async ({ page }) => {
    test.slow() // eleven requests, four of them form posts, each scanned
    const me = personWithHotp('4827')
    const them = personWithHotp('4827')
    await signIn(page, { username: me.username, passcode: `4827${me.next()}` })
    for (const path of ['', '/change-pin', '/rename', '/resync', '/lost', '/revoke', '/move']) {
      expect((await page.request.get(`/tokens/${them.tokenId}${path}`)).status(), path).toBe(404)
    }
    // Our own forms, with their token's id put in: every action refuses.
    for (const [path, button] of [
      ['/rename', 'Save the name'],
      ['/lost', `Report ${me.username}-${me.serial} lost`],
      ['/revoke', 'Revoke this token'],
      ['/move', 'Start setting up the new phone'],
    ] as const) {
      await page.goto(`/tokens/${me.tokenId}${path}`)
      await page.locator('input[name="tokenId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), them.tokenId)
      if (path === '/revoke') await page.getByLabel(/^Type “/).fill(`${them.username}-${them.serial}`)
      const answer = page.waitForResponse((r) => r.request().method() === 'POST')
      await page.getByRole('button', { name: button }).click()
      expect((await answer).status(), path).toBe(404)
    }
    expect(queryServerDb<{ status: string; name: string }>('SELECT "status", "name" FROM "Token" WHERE "id" = ?', them.tokenId)).toEqual({
      status: 'ACTIVE',
      name: `${them.username}-${them.serial}`,
    })
    expect(queryServerDb<{ n: number }>('SELECT count(*) AS "n" FROM "EnrollmentInvitation" WHERE "replacesTokenId" = ?', them.tokenId).n).toBe(0)
  })

  test('[SECURITY] a sign-in form posted from another site is refused', async ({ request }) => {
    // What a hostile page's auto-submitting form would send: the sign-in form's own fields.
    const html = await (await request.get('/sign-in')).text()
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g)].map((m) => [m[1]!, (m[2] ?? '').replace(/&quot;/g, '"')]))
    expect(Object.keys(fields).length).toBeGreaterThan(0)
    const person = personWithHotp('4827')
    const multipart = { ...fields, username: person.username, passcode: `4827${person.next()}` }
    const response = await request.post('/sign-in', { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }, multipart, maxRedirects: 0 })
    expect(response.status()).toBe(403)
    expect(queryServerDb<{ n: number }>('SELECT count(*) AS "n" FROM "UserSession" WHERE "userId" = ?', person.userId).n).toBe(0)
    // Control: the same post from our own page signs in.
    const ours = await request.post('/sign-in', { headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }, multipart, maxRedirects: 0 })
    expect(ours.status()).toBe(303)
    expect(queryServerDb<{ n: number }>('SELECT count(*) AS "n" FROM "UserSession" WHERE "userId" = ?', person.userId).n).toBe(1)
  })

  test('[SECURITY] a locked token is told when it unlocks, and even the right passcode does not sign in', async ({ page }) => {
    const person = personWithHotp('4827')
    const until = new Date(Date.now() + 30 * 60_000).toISOString().replace('Z', '+00:00')
    updateServerDb('UPDATE "Token" SET "lockedAt" = ?, "lockedUntil" = ?, "failedAttempts" = 10 WHERE "id" = ?', new Date().toISOString().replace('Z', '+00:00'), until, person.tokenId)
    await page.goto('/sign-in')
    await page.getByLabel('Username').fill(person.username)
    await page.getByLabel('Passcode').fill(`4827${person.next()}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'locked' })).toContainText('Your token is locked after too many wrong passcodes. It unlocks at')
    expect(queryServerDb<{ n: number }>('SELECT count(*) AS "n" FROM "UserSession" WHERE "userId" = ?', person.userId).n).toBe(0)
  })

  test('[SECURITY] a session ends after the idle timeout', async ({ page }) => {
    const person = personWithHotp('4827')
    await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
    updateServerDb('UPDATE "UserSession" SET "lastSeenAt" = ? WHERE "userId" = ?', '2020-01-01T00:00:00.000+00:00', person.userId)
    await page.goto('/tokens')
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to manage your tokens' })).toBeVisible()
    expect(queryServerDb<{ endedReason: string }>('SELECT "endedReason" FROM "UserSession" WHERE "userId" = ?', person.userId).endedReason).toBe('idle')
  })

  test('[API] next-auth’s credentials endpoint signs in through the same check', async ({ request }) => {
    const person = personWithHotp('4827')
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }
    const refused = await request.post('/api/auth/callback/passcode', { form: { csrfToken, username: person.username, passcode: `1111${person.next()}` }, maxRedirects: 0 })
    expect(refused.status()).toBe(302)
    // next-auth's error route sends the person back to our sign-in page, which says what went wrong.
    const back = await request.get(refused.headers()['location']!)
    expect(back.url()).toContain('/sign-in?error=')
    expect(await back.text()).toContain('That did not work. Check your username, and type your PIN followed by the code your app shows now.')
    const accepted = await request.post('/api/auth/callback/passcode', { form: { csrfToken, username: person.username, passcode: `4827${person.next()}` }, maxRedirects: 0 })
    expect(accepted.status()).toBe(302)
    const tokens = await request.get('/tokens')
    expect(await tokens.text()).toContain('My tokens')
    const session = (await (await request.get('/api/auth/session')).json()) as { portal?: { user: { username: string } } }
    expect(session.portal?.user.username).toBe(person.username)
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('[PORTAL] signs in and changes a PIN with plain forms, wrong input included', async ({ page }) => {
    const person = personWithHotp('4827')
    await page.goto('/sign-in')
    await page.getByLabel('Username').fill(person.username)
    await page.getByLabel('Passcode').fill('4827000000')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByText('That did not work. Check your username', { exact: false })).toBeVisible()
    await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
    await openToken(page, `${person.username}-${person.serial}`)
    await page.getByRole('link', { name: 'Change PIN' }).click()
    await page.getByLabel('Code from your app').fill(person.next())
    await page.getByLabel('New PIN', { exact: true }).fill('5938')
    await page.getByLabel('New PIN again, to confirm').fill('5939')
    await page.getByRole('button', { name: 'Change PIN' }).click()
    await expect(page.getByText('The two PINs do not match.', { exact: false })).toBeVisible()
    await page.getByLabel('Code from your app').fill(person.next())
    await page.getByLabel('New PIN', { exact: true }).fill('5938')
    await page.getByLabel('New PIN again, to confirm').fill('5938')
    await page.getByRole('button', { name: 'Change PIN' }).click()
    await expect(page.getByText('Your new PIN is set.', { exact: false })).toBeVisible()
    expect(await mailFor(person.email)).toBeTruthy()
  })

  test('[PORTAL] resets a forgotten PIN by emailed link with plain forms, a wrong code included', async ({ page, request }) => {
    const person = personWithHotp('4827')
    await page.goto('/forgot-pin')
    await page.getByLabel('Username or email address').fill(person.username)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
    const mail = await waitForMail(person.email, { subject: /^Set a new PIN for your sign-in token/ })
    await page.goto(/https?:\/\/\S+\/forgot-pin\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0])
    await page.getByLabel('Code from your app').fill('000000')
    await page.getByLabel('New PIN', { exact: true }).fill('5938')
    await page.getByLabel('New PIN again, to confirm').fill('5938')
    await page.getByRole('button', { name: 'Set my new PIN' }).click()
    await expect(page.getByText('That code did not match.', { exact: false })).toBeVisible()
    await page.getByLabel('Code from your app').fill(person.next())
    await page.getByLabel('New PIN', { exact: true }).fill('5938')
    await page.getByLabel('New PIN again, to confirm').fill('5938')
    await page.getByRole('button', { name: 'Set my new PIN' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Your new PIN is set' })).toBeVisible()
    const { key } = createApiKey()
    expect((await validate(request, key, { username: person.username, passcode: `5938${person.next()}` })).body).toEqual({ result: 'accept' })
  })

  test('[PORTAL] signs in by emailed link and reports a token lost with plain forms', async ({ page, request }) => {
    const person = personWithHotp('4827')
    const name = `${person.username}-${person.serial}`
    await page.goto('/sign-in/help')
    await page.getByLabel('Username or email address').fill(person.email)
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
    const mail = await waitForMail(person.email, { subject: /^Sign in to .* without your token/ })
    await page.goto(/https?:\/\/\S+\/sign-in\/link\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0])
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'My tokens' })).toBeVisible()
    await page.getByRole('link', { name: `Report ${name} lost or stolen` }).click()
    await page.getByRole('button', { name: `Report ${name} lost` }).click()
    await expect(page.getByText('Your token was reported lost.', { exact: false })).toBeVisible()
    const { key } = createApiKey()
    expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual(REJECT)
  })
})
