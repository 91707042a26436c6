'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { isDatabaseUnavailable } from '@/lib/db'
import { requestEnrollmentLink, UNAVAILABLE_MESSAGE } from '@/lib/enrollment'
import { isAppError } from '@/lib/errors'
import { requestContext } from '@/lib/http'

// Validate → act → respond. There is no one to authorize: anyone may ask, and
// the answer never says whether the account exists.
export async function requestLinkAction(formData: FormData): Promise<void> {
  const identifier = formData.get('identifier')
  try {
    await requestEnrollmentLink({
      input: { identifier: typeof identifier === 'string' ? identifier : '' },
      context: requestContext(await headers()),
    })
  } catch (error) {
    if (isAppError(error)) redirect(`/enroll/request?error=${encodeURIComponent(error.message)}`)
    // The database is full or away: say so on the form, not with a bare 500.
    if (isDatabaseUnavailable(error)) redirect(`/enroll/request?error=${encodeURIComponent(UNAVAILABLE_MESSAGE)}`)
    throw error
  }
  redirect('/enroll/request/sent')
}
