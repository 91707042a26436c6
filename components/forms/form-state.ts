/**
 * What a server action behind an ActionForm answers when it does not
 * redirect: problems per field (or `form` for the whole form), and the
 * non-secret values to show again, or a `notice` of what happened (a form
 * that stays on its page). Secrets (PINs, codes) are never sent back.
 */
export type FormState = { errors?: Record<string, string[]>; values?: Record<string, string>; notice?: string } | null

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>
