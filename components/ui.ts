// Shared class names: one look for every button-like link and button.
// Tap targets are at least 44 px high (WCAG 2.5.5).

export const primaryButton =
  'inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-5 py-2.5 text-base font-semibold text-white shadow-sm hover:brightness-110 disabled:opacity-60'

export const secondaryButton =
  'inline-flex min-h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-5 py-2.5 text-base font-semibold text-slate-900 shadow-sm hover:bg-slate-50'

export const card = 'rounded-2xl border border-slate-200 bg-white p-6 shadow-sm'

export const dangerButton =
  'inline-flex min-h-11 items-center justify-center rounded-lg bg-red-700 px-5 py-2.5 text-base font-semibold text-white shadow-sm hover:bg-red-800 disabled:opacity-60'

export const linkClass = 'font-medium text-brand underline underline-offset-2'
