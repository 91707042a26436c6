'use client'

import { useActionState } from 'react'
import { DataTable } from '@/components/data-table'
import { primaryButton } from '@/components/ui'
import type { UserImportProblem, UserImportResult } from '@/lib/users'

export type UserImportState = {
  error?: string
  result?: UserImportResult & { fileName: string }
  values?: { mode: string; disableMissing: boolean }
} | null

const MODES = [
  { value: 'check', label: 'Check the file only', hint: 'Lists every bad row and what an import would do; writes nothing.' },
  { value: 'all', label: 'Import all rows', hint: 'Only if every row is valid; with any bad row nothing is imported.' },
  { value: 'valid', label: 'Import the valid rows', hint: 'Bad rows are refused and listed; the others are imported.' },
]

/**
 * The upload form of /admin/users/import and its answer: the validation
 * report (bad rows with their line numbers) and the counts. Works without
 * JavaScript (the page comes back with the answer). The file is posted each
 * time; the server keeps no copy between a check and an import.
 */
export function UserImportForm({ action, maxMegabytes }: { action: (state: UserImportState, formData: FormData) => Promise<UserImportState>; maxMegabytes: number }) {
  const [state, formAction, pending] = useActionState(action, null)
  const mode = state?.values?.mode ?? 'check'
  return (
    <>
      {state?.error ? (
        <p role="alert" className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
          {state.error}
        </p>
      ) : null}
      {state?.result ? <ImportReport result={state.result} /> : null}
      <form action={formAction} aria-busy={pending} className="mt-4 space-y-5" noValidate>
        <div>
          <label htmlFor="import-file" className="block font-medium text-slate-900">
            CSV file
          </label>
          <p id="import-file-hint" className="text-sm text-slate-600">
            Columns username, email, name, groups (a header line first; comma or semicolon; groups separated by | or ;). Up to {maxMegabytes} MB.
          </p>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-file-hint" className="mt-2 block w-full text-base" />
        </div>
        <fieldset>
          <legend className="font-medium text-slate-900">What to do</legend>
          <div className="mt-2 space-y-2">
            {MODES.map((m) => (
              <label key={m.value} className="flex min-h-11 items-start gap-3">
                <input type="radio" name="mode" value={m.value} defaultChecked={m.value === mode} className="mt-1 h-5 w-5" />
                <span>
                  <strong>{m.label}</strong>
                  <span className="block text-sm text-slate-600">{m.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex min-h-11 items-start gap-3">
          <input type="checkbox" name="disableMissing" defaultChecked={state?.values?.disableMissing ?? false} className="mt-1 h-5 w-5" />
          <span>
            <strong>Disable users missing from the file</strong>
            <span className="block text-sm text-slate-600">Active users not in the file are disabled (never deleted). Leave unticked for a partial file.</span>
          </span>
        </label>
        <label className="flex min-h-11 items-start gap-3">
          <input type="checkbox" name="confirm" className="mt-1 h-5 w-5" />
          <span>
            <strong>I confirm the import</strong>
            <span className="block text-sm text-slate-600">Needed to import: users in the file are added or updated (and, if ticked above, the others disabled).</span>
          </span>
        </label>
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? 'Working…' : 'Upload'}
        </button>
      </form>
    </>
  )
}

function ImportReport({ result }: { result: UserImportResult & { fileName: string } }) {
  const counts = `${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.disabled} disabled, ${result.refused} refused`
  const summary = result.dryRun
    ? result.refused
      ? `${result.fileName}: ${result.refused} of ${result.rows} rows are bad. Fix them and check again, or import the valid rows.`
      : `${result.fileName}: all ${result.rows} rows are valid. An import would make: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.disabled} disabled.`
    : result.imported
      ? `Imported ${result.fileName}: ${counts}.`
      : `${result.fileName}: ${result.refused} of ${result.rows} rows are bad; nothing was imported.`
  return (
    <section aria-labelledby="import-report-title" className="mt-4">
      <h2 id="import-report-title" className="text-lg font-semibold">
        {result.dryRun ? 'Check result' : 'Import result'}
      </h2>
      <p role="status" className={`mt-2 rounded-lg border p-3 font-medium ${result.refused ? 'border-amber-400 bg-amber-50 text-amber-950' : 'border-green-300 bg-green-50 text-green-900'}`}>
        {summary}
      </p>
      {result.problems.length ? (
        <>
          <DataTable<UserImportProblem>
            caption="Bad rows"
            columns={[
              { header: 'Line', cell: (p) => p.line },
              { header: 'Username', cell: (p) => p.username ?? '—' },
              { header: 'Problem', cell: (p) => p.reason },
            ]}
            rows={result.problems}
            rowKey={(p) => String(p.line)}
          />
          {result.problems.length < result.refused ? <p className="mt-2 text-sm text-slate-700">The first {result.problems.length} bad rows are listed.</p> : null}
        </>
      ) : null}
    </section>
  )
}
