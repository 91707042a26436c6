import { listSchemaFields, type JsonSchema } from '@/lib/api'
import { Prose } from './prose'

/** A body's fields as a definition list (no wide tables: it reads the same on a phone), with an example. */
export function SchemaVariants({ schema, label }: { schema: JsonSchema; label: string }) {
  const variants = listSchemaFields(schema)
  return (
    <div className="space-y-4">
      {variants.map((variant, i) => (
        <div key={i} className="rounded-lg border border-slate-200 p-4">
          {variant.description ? (
            <p className="text-slate-800">
              {variants.length > 1 ? (i === 0 ? 'Either: ' : 'Or: ') : null}
              <Prose text={variant.description} />
            </p>
          ) : null}
          {variant.fields.length > 0 ? (
            <dl className="mt-3 space-y-3">
              {variant.fields.map((field) => (
                <div key={field.name}>
                  <dt>
                    <code className="font-mono font-semibold text-slate-900">{field.name}</code>{' '}
                    <span className="text-sm text-slate-700">
                      {field.type}, {field.required ? 'required' : 'optional'}
                      {field.rules.length ? `, ${field.rules.join(', ')}` : ''}
                    </span>
                  </dt>
                  <dd className="text-slate-800">
                    <Prose text={field.description} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {variant.example ? (
            <figure className="mt-3">
              <figcaption className="text-sm font-medium text-slate-700">Example {label}</figcaption>
              <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-100 p-3 font-mono text-sm text-slate-900">
                {JSON.stringify(variant.example)}
              </pre>
            </figure>
          ) : null}
        </div>
      ))}
    </div>
  )
}
