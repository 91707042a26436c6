import { ActionForm } from '@/components/forms/action-form'
import type { FormAction } from '@/components/forms/form-state'
import { TextAreaField } from '@/components/forms/text-area-field'

/** The rules of use shown when enrollment is done, one per line. */
export function RulesOfUseForm({ action, rules }: { action: FormAction; rules: string }) {
  return (
    <ActionForm action={action} submitLabel="Save rules of use" pendingLabel="Saving…">
      <TextAreaField name="rulesOfUse" label="Rules of use" hint="One rule per line. Leave empty to use the built-in rules." rows={10} defaultValue={rules} />
    </ActionForm>
  )
}
