'use client'

import { createContext, useActionState, useContext, type ReactNode } from 'react'
import { dangerButton, primaryButton } from '../ui'
import type { FormAction, FormState } from './form-state'

const FormContext = createContext<FormState>(null)

/** The problems and values of the enclosing ActionForm, for its fields. */
export function useFormState(): FormState {
  return useContext(FormContext)
}

/** For a form with an answer of its own (not an ActionForm): gives its fields their problems and values. */
export function FormStateScope({ state, children }: { state: FormState; children: ReactNode }) {
  return <FormContext.Provider value={state}>{children}</FormContext.Provider>
}

/**
 * What a form's answer says above its fields: the whole form's problems, or
 * "fix the problems below" when fields have them, or what was done.
 */
export function FormMessages({ state }: { state: FormState }) {
  const problems = Object.keys(state?.errors ?? {}).length
  const formErrors = state?.errors?.form
  if (formErrors?.length) {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
        {formErrors.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    )
  }
  if (problems) {
    return (
      <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
        Please fix the {problems === 1 ? 'problem' : 'problems'} below.
      </p>
    )
  }
  return state?.notice ? (
    <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-3 font-medium text-green-900">
      {state.notice}
    </p>
  ) : null
}

/**
 * A form posted to a server action that answers with problems instead of a
 * redirect. Works without JavaScript (the page comes back with the answer);
 * with it, no reload. The action is given by the page that owns the route.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel,
  hidden = {},
  danger = false,
  children,
}: {
  action: FormAction
  submitLabel: string
  pendingLabel?: string
  hidden?: Record<string, string>
  danger?: boolean
  children?: ReactNode
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null)
  return (
    <FormContext.Provider value={state}>
      <form action={formAction} aria-busy={pending} className="mt-4 space-y-5" noValidate>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <FormMessages state={state} />
        {children}
        <button type="submit" className={danger ? dangerButton : primaryButton} disabled={pending}>
          {pending ? (pendingLabel ?? 'Working…') : submitLabel}
        </button>
      </form>
    </FormContext.Provider>
  )
}
