import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { CheckboxField } from '@/components/forms/checkbox-field'
import { ChoiceField } from '@/components/forms/choice-field'
import type { FormAction } from '@/components/forms/form-state'
import { TextField } from '@/components/forms/text-field'
import { TokenTypesField } from '@/components/staff/token-types-field'
import { linkClass } from '@/components/ui'
import { PLATFORM_NAMES } from '@/lib/policy'
import { describeDefault, POLICY_FIELDS, POLICY_NAMES, POLICY_SECTIONS, type PolicyField, type PolicyName, type TokenTypesByPlatform } from '@/lib/settings'

type Current = Record<PolicyName, number | string | boolean | null>

/** One policy: its control, its one-line explanation and its default. */
function PolicyInput({ name, field, value }: { name: PolicyName; field: PolicyField; value: number | string | boolean | null }) {
  const hint = `${field.help}${field.kind === 'optional-whole' || field.kind === 'day-list' ? ` Empty: ${field.emptyMeans}.` : ''} Default: ${describeDefault(field)}.`
  if (field.kind === 'yes-no') return <CheckboxField name={name} label={field.label} hint={hint} defaultChecked={value === true} />
  if (field.kind === 'choice') return <ChoiceField name={name} legend={`${field.label}. ${hint}`} choices={field.choices.map((c) => ({ value: c.value, label: c.label }))} defaultValue={String(value)} />
  if (field.kind === 'day-list') return <TextField name={name} label={`${field.label} (${field.unit})`} hint={hint} maxLength={40} defaultValue={String(value ?? '').replace(/,/g, ', ')} />
  return <TextField name={name} label={`${field.label} (${field.unit})`} hint={hint} numeric narrow maxLength={6} defaultValue={value === null ? '' : String(value)} />
}

/** The form of /admin/policies: every policy, grouped, with its current value; its action comes from the page. */
export function PoliciesForm({ action, current, tokenTypes }: { action: FormAction; current: Current; tokenTypes: TokenTypesByPlatform }) {
  return (
    <ActionForm action={action} submitLabel="Save policies" pendingLabel="Saving…">
      {POLICY_SECTIONS.map((section) => (
        <fieldset key={section.id} id={`policy-${section.id}`} className="space-y-5 border-t border-slate-200 pt-4">
          <legend className="pt-4 text-lg font-semibold">{section.title}</legend>
          {POLICY_NAMES.filter((name) => POLICY_FIELDS[name].section === section.id).map((name) => (
            <PolicyInput key={name} name={name} field={POLICY_FIELDS[name]} value={current[name]} />
          ))}
          {section.id === 'tokens' ? <TokenTypesField current={tokenTypes} platformNames={PLATFORM_NAMES} /> : null}
          {section.id === 'dormant' ? (
            <p className="text-sm">
              <Link href="/admin/maintenance" className={linkClass}>
                See which tokens are dormant now and what the next run would do
              </Link>
            </p>
          ) : null}
        </fieldset>
      ))}
    </ActionForm>
  )
}
