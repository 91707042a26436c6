import { CopyButton } from './copy-button'

export type ManualEntryKey = {
  groupedSecret: string
  accountName: string
  issuer: string
  type: 'TOTP' | 'HOTP'
  digits: number
  period: number
  algorithm: string
}

/** The enrollment string and its parameters, for an app that cannot scan or open the key URI. */
export function ManualEntry({ enrollmentKey }: { enrollmentKey: ManualEntryKey }) {
  const rows: [string, string][] = [
    ['Account', enrollmentKey.accountName],
    ['Issuer', enrollmentKey.issuer],
    ['Type', enrollmentKey.type === 'TOTP' ? 'Time-based (TOTP)' : 'Counter-based (HOTP)'],
    ['Digits', String(enrollmentKey.digits)],
    enrollmentKey.type === 'TOTP' ? ['Period', `${enrollmentKey.period} seconds`] : ['Counter', 'starts at 0'],
    ['Algorithm', enrollmentKey.algorithm],
  ]
  return (
    <>
      <h3 className="mt-4 font-medium text-slate-900" id="key-title">
        Enrollment string (the secret key)
      </h3>
      <p id="key-value" className="mt-2 break-all rounded-lg bg-slate-100 px-4 py-3 font-mono text-lg tracking-wide text-slate-900">
        {enrollmentKey.groupedSecret}
      </p>
      <p className="mt-2">
        <CopyButton text={enrollmentKey.groupedSecret.replace(/ /g, '')} label="Copy the enrollment string" />
      </p>
      <p className="mt-2 text-sm text-slate-600">In the app choose “Enter a setup key” (or similar) and type it; the spaces are optional.</p>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700">{term}</dt>
            <dd className="break-all text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}
