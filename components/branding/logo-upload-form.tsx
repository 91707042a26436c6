'use client'

import { ActionForm, useFormState } from '@/components/forms/action-form'
import { FieldFrame, fieldDescribedBy } from '@/components/forms/field-frame'
import type { FormAction } from '@/components/forms/form-state'

function LogoFileField() {
  const errors = useFormState()?.errors?.logo
  const hint = 'PNG, JPEG or SVG, at most 200 KB; square works best (shown 32 × 32). SVG files are cleaned: scripts, event handlers and outside references are removed.'
  return (
    <FieldFrame name="logo" label="Logo file" hint={hint} errors={errors}>
      <input
        id="logo"
        name="logo"
        type="file"
        accept="image/png,image/jpeg,image/svg+xml,.png,.jpg,.jpeg,.svg"
        aria-describedby={fieldDescribedBy('logo', hint, errors)}
        aria-invalid={errors ? true : undefined}
        className="mt-2 block w-full text-base file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-4 file:font-semibold"
      />
    </FieldFrame>
  )
}

/** The logo upload of /admin/branding; its action comes from the page. */
export function LogoUploadForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submitLabel="Upload logo" pendingLabel="Uploading…">
      <LogoFileField />
    </ActionForm>
  )
}
