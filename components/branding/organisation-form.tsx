import { ActionForm } from '@/components/forms/action-form'
import type { FormAction } from '@/components/forms/form-state'
import { TextField } from '@/components/forms/text-field'

type Values = { orgName: string; otpIssuer: string; brandColor: string; supportContact: string }

/** Organisation name, issuer, colour and support contact on /admin/branding. */
export function OrganisationForm({ action, values }: { action: FormAction; values: Values }) {
  return (
    <ActionForm action={action} submitLabel="Save organisation details" pendingLabel="Saving…">
      <TextField name="orgName" label="Organisation name" hint="Shown in the page header, page titles and every email." maxLength={80} defaultValue={values.orgName} />
      <TextField
        name="otpIssuer"
        label="Issuer in authenticator apps"
        hint="The name people see above their code in the app. Applies to tokens set up from now on."
        maxLength={40}
        defaultValue={values.otpIssuer}
      />
      <TextField
        name="brandColor"
        label="Primary colour"
        hint="As #rrggbb. Buttons show white text on it and links use it, so it needs a contrast of at least 4.5:1 against white."
        maxLength={7}
        narrow
        defaultValue={values.brandColor}
      />
      <TextField
        name="supportContact"
        label="Support contact"
        hint="Who people should contact, as it reads in a sentence: “Questions? Contact …”. For example: the IT helpdesk (+1 555 0100)."
        maxLength={120}
        defaultValue={values.supportContact}
      />
    </ActionForm>
  )
}
