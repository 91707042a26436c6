import type { JsonSchema } from '@/lib/api'
import { Prose } from './prose'
import { SchemaVariants } from './schema-variants'

type Content = Record<string, { schema: JsonSchema }>
export type OperationView = {
  method: string
  path: string
  operationId: string
  summary: string
  description: string
  security: unknown[]
  requestBody?: { description?: string; content: Content }
  responses: Record<string, { description: string; headers?: Record<string, { description: string }>; content?: Content }>
}

/** One route of the gateway API, as the OpenAPI document describes it. */
export function ApiOperation({ op }: { op: OperationView }) {
  const requestSchema = op.requestBody?.content['application/json']?.schema
  return (
    <section aria-labelledby={op.operationId} className="scroll-mt-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id={op.operationId} className="text-xl font-semibold tracking-tight">
        {op.summary}
      </h2>
      <p className="mt-2 font-mono text-slate-900">
        <span className="rounded bg-slate-800 px-2 py-0.5 text-sm font-semibold text-white">{op.method.toUpperCase()}</span> {op.path}
      </p>
      <p className="mt-3 text-slate-800">
        <Prose text={op.description} />
      </p>
      <p className="mt-3 text-slate-800">
        <span className="font-medium">Authentication:</span>{' '}
        {op.security.length ? (
          <>
            an API key, as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>
          </>
        ) : (
          'none'
        )}
      </p>

      {requestSchema ? (
        <>
          <h3 className="mt-6 text-lg font-semibold">Request body</h3>
          {op.requestBody?.description ? (
            <p className="mt-1 text-slate-800">
              <Prose text={op.requestBody.description} />
            </p>
          ) : null}
          <div className="mt-3">
            <SchemaVariants schema={requestSchema} label="request" />
          </div>
        </>
      ) : null}

      <h3 className="mt-6 text-lg font-semibold">Responses</h3>
      <ul className="mt-3 space-y-5">
        {Object.entries(op.responses).map(([status, response]) => {
          const schema = response.content?.['application/json']?.schema
          return (
            <li key={status}>
              <h4 className="font-semibold text-slate-900">
                <span className="font-mono">{status}</span>: <Prose text={response.description} />
              </h4>
              {response.headers ? (
                <dl className="mt-2">
                  {Object.entries(response.headers).map(([name, header]) => (
                    <div key={name}>
                      <dt className="inline font-mono font-semibold text-slate-900">{name}</dt>{' '}
                      <dd className="inline text-slate-800">
                        header: <Prose text={header.description} />
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {schema ? (
                <div className="mt-2">
                  <SchemaVariants schema={schema} label="answer" />
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
