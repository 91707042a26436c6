import { ActionForm } from '@/components/forms/action-form'
import type { FormAction } from '@/components/forms/form-state'
import { SelectField } from '@/components/forms/select-field'
import { TextField } from '@/components/forms/text-field'
import { EXCLUSION_KIND_LABELS, EXCLUSION_KINDS } from '@/lib/exclusions'

/** The add form of /admin/exclusions; its action comes from the page. */
export function ExclusionAddForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submitLabel="Add exclusion rule" pendingLabel="Adding…">
      <SelectField name="kind" label="Rule matches" options={EXCLUSION_KINDS.map((k) => ({ value: k, label: EXCLUSION_KIND_LABELS[k] }))} />
      <TextField
        name="value"
        label="Value"
        hint="A username, a group name, a client address or CIDR range (192.0.2.0/24, 2001:db8::/48), or an API client's name."
        maxLength={128}
      />
      <TextField name="description" label="Description" hint="Why this exclusion exists, for whoever reviews it later." maxLength={200} />
      <TextField name="expires" label="Expires (optional)" hint="The rule holds through this day (UTC). Leave empty for no expiry." type="date" narrow />
    </ActionForm>
  )
}
