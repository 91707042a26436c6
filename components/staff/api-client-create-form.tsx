'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { MAX_ALLOWED_ADDRESSES_TEXT } from '@/lib/api-clients/limits'
import { CopyButton } from '../enroll/copy-button'
import { FormMessages, FormStateScope } from '../forms/action-form'
import type { FormState } from '../forms/form-state'
import { TextField } from '../forms/text-field'
import { linkClass, primaryButton } from '../ui'

export type CreatedApiClientState = { created: { name: string; key: string; allowedAddresses: string[] } } | FormState

export const ALLOWED_ADDRESSES_HINT =
  'Optional. Addresses or CIDR ranges the gateway connects from, separated by commas or spaces (192.0.2.0/24, 2001:db8::/48, 198.51.100.7). Leave empty to allow any address.'

/**
 * Create an API client and show its key once, with a copy button. The key
 * lives only in this form's answer: a reload or another page and it is gone.
 * Works without JavaScript (the page comes back with the key as selectable
 * text); the copy button appears only where it can work.
 */
export function ApiClientCreateForm({ action }: { action: (previous: CreatedApiClientState, formData: FormData) => Promise<CreatedApiClientState> }) {
  const [state, formAction, pending] = useActionState<CreatedApiClientState, FormData>(action, null)
  if (state && 'created' in state) {
    const { name, key, allowedAddresses } = state.created
    return (
      <div className="mt-4">
        <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-3 font-medium text-green-900">
          API client {name} created. Copy its key now: it is shown only this once.
        </p>
        <dl className="mt-4">
          <dt className="text-slate-700">API key of {name}</dt>
          <dd className="mt-1 rounded-lg border border-slate-300 bg-slate-50 p-3 font-mono text-lg break-all select-all">{key}</dd>
        </dl>
        <p className="mt-2">
          <CopyButton text={key} label="Copy the key" />
        </p>
        <p className="mt-3 text-slate-700">
          Put it in the gateway&apos;s configuration as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. The portal keeps only a keyed hash: if the key is lost, revoke
          this client and create another. {allowedAddresses.length ? `It works only from ${allowedAddresses.join(', ')}.` : 'It works from any address.'}
        </p>
        <p className="mt-4">
          <Link href="/admin/api-clients" className={linkClass}>
            I have stored the key
          </Link>
        </p>
      </div>
    )
  }
  const formState = state && !('created' in state) ? state : null
  return (
    <FormStateScope state={formState}>
      <form action={formAction} aria-busy={pending} className="mt-4 space-y-5" noValidate>
        <FormMessages state={formState} />
        <TextField name="name" label="Name" hint="The gateway it is for, such as vpn-gw1: letters, digits, spaces, dots, hyphens and underscores." maxLength={64} />
        <TextField name="allowedAddresses" label="Allowed client addresses" hint={ALLOWED_ADDRESSES_HINT} maxLength={MAX_ALLOWED_ADDRESSES_TEXT} />
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? 'Creating…' : 'Create the API client'}
        </button>
      </form>
    </FormStateScope>
  )
}
