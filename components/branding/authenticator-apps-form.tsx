import { ActionForm } from '@/components/forms/action-form'
import type { FormAction } from '@/components/forms/form-state'
import { TextField } from '@/components/forms/text-field'
import type { AuthenticatorApp } from '@/lib/policy'
import { STORE_PLATFORMS } from '@/lib/branding'

/**
 * The authenticator apps offered on the enrollment page, one fieldset per
 * app plus empty ones for new apps; clearing a row removes that app.
 */
export function AuthenticatorAppsForm({ action, apps, rows }: { action: FormAction; apps: AuthenticatorApp[]; rows: number }) {
  return (
    <ActionForm action={action} submitLabel="Save authenticator apps" pendingLabel="Saving…" hidden={{ rows: String(rows) }}>
      {Array.from({ length: rows }, (_, i) => {
        const app = apps[i]
        return (
          <fieldset key={i} className="rounded-lg border border-slate-300 p-4">
            <legend className="px-1 font-semibold">{app ? `App ${i + 1}: ${app.name}` : `New app ${i + 1 - apps.length}`}</legend>
            <div className="space-y-4">
              <TextField name={`apps.${i}.name`} label={`App ${i + 1} name`} maxLength={60} defaultValue={app?.name ?? ''} />
              <TextField name={`apps.${i}.note`} label={`App ${i + 1} note (optional)`} hint="One line on why someone would pick it." maxLength={160} defaultValue={app?.note ?? ''} />
              {STORE_PLATFORMS.map(({ key, label }) => (
                <TextField key={key} name={`apps.${i}.${key}`} label={`App ${i + 1} link for ${label}`} maxLength={300} defaultValue={app?.links[key] ?? ''} />
              ))}
            </div>
          </fieldset>
        )
      })}
    </ActionForm>
  )
}
