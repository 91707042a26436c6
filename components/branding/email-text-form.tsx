'use client'

import { useActionState, useEffect, useState } from 'react'
import { FormMessages, FormStateScope } from '@/components/forms/action-form'
import type { FormAction, FormState } from '@/components/forms/form-state'
import { TextAreaField } from '@/components/forms/text-area-field'
import { inputClass } from '@/components/enroll/field-errors'
import { FieldFrame, fieldDescribedBy } from '@/components/forms/field-frame'
import { primaryButton, secondaryButton } from '@/components/ui'

type Text = { subject: string; intro: string }

const previewUrl = (template: string, text: Text, part: 'html' | 'text') =>
  `/admin/branding/preview?${new URLSearchParams({ template, part, subject: text.subject, intro: text.intro })}`

/**
 * One email's subject and introduction with the preview beside them. With
 * JavaScript the preview follows the typing (debounced); without it the
 * Preview button posts the unsaved text and the page comes back showing it.
 * Either way the frames load /admin/branding/preview, which renders with the
 * sender's own code.
 */
export function EmailTextForm({ action, template, saved, builtIn, placeholders }: { action: FormAction; template: string; saved: Text; builtIn: Text; placeholders: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null)
  const posted = state?.values ? { subject: state.values.subject ?? '', intro: state.values.intro ?? '' } : saved
  const [typed, setTyped] = useState<Text | null>(null)
  const [shown, setShown] = useState<Text | null>(null)
  // Debounced: the frames reload 400 ms after the last keystroke, not on each.
  useEffect(() => {
    if (!typed) return
    const timer = setTimeout(() => setShown(typed), 400)
    return () => clearTimeout(timer)
  }, [typed])
  const preview = shown ?? posted
  const change = (key: keyof Text) => (value: string) => setTyped((t) => ({ ...(t ?? posted), [key]: value }))
  const subjectErrors = state?.errors?.subject
  const subjectHint = `Empty: “${builtIn.subject}”. Placeholders: ${placeholders}.`

  return (
    <div className="mt-4 grid gap-6 lg:grid-cols-2">
      <FormStateScope state={state}>
        <form action={formAction} aria-busy={pending} className="space-y-5" noValidate>
          <input type="hidden" name="template" value={template} />
          <FormMessages state={state} />
          <FieldFrame name="subject" label="Subject" hint={subjectHint} errors={subjectErrors}>
            <input
              id="subject"
              name="subject"
              type="text"
              maxLength={150}
              defaultValue={posted.subject}
              onChange={(event) => change('subject')(event.target.value)}
              aria-describedby={fieldDescribedBy('subject', subjectHint, subjectErrors)}
              aria-invalid={subjectErrors ? true : undefined}
              className={inputClass}
            />
          </FieldFrame>
          <TextAreaField
            name="intro"
            label="Introduction"
            hint={`Replaces the first paragraph; one paragraph per line. Empty: “${builtIn.intro}”`}
            maxLength={1000}
            rows={5}
            defaultValue={posted.intro}
            onChange={change('intro')}
          />
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="save" className={primaryButton} disabled={pending}>
              {pending ? 'Working…' : 'Save email text'}
            </button>
            <button type="submit" name="intent" value="preview" className={secondaryButton} disabled={pending}>
              Preview
            </button>
          </div>
        </form>
      </FormStateScope>
      <div className="space-y-4">
        <h3 className="font-semibold">Preview (example recipient)</h3>
        <iframe title="Preview of the HTML part" src={previewUrl(template, preview, 'html')} sandbox="" className="h-[32rem] w-full rounded-lg border border-slate-300 bg-white" />
        <iframe title="Preview of the plain-text part" src={previewUrl(template, preview, 'text')} sandbox="" className="h-64 w-full rounded-lg border border-slate-300 bg-white" />
      </div>
    </div>
  )
}
