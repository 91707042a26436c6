'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { requestEnrollmentLink } from '@/lib/enrollment'
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
    throw error
  }
  redirect('/enroll/request/sent')
}
