const STEPS = ['Get the app', 'Add your token', 'PIN and name', 'Done'] as const

/** Where the person is in the journey; the current step is announced as such. */
export function Stepper({ current }: { current: 0 | 1 | 2 | 3 }) {
  return (
    <nav aria-label="Enrollment steps" className="mb-4">
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index === current ? 'step' : undefined}
            className={index === current ? 'font-semibold text-brand' : index < current ? 'text-slate-700' : 'text-slate-500'}
          >
            <span aria-hidden="true">{index < current ? '✓ ' : `${index + 1}. `}</span>
            <span className="sr-only">{index < current ? 'Done: ' : `Step ${index + 1}: `}</span>
            {label}
          </li>
        ))}
      </ol>
    </nav>
  )
}
