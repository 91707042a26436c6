import type { Metadata } from 'next'
import { ApiOperation, type OperationView } from '@/components/api-docs/api-operation'
import { Prose } from '@/components/api-docs/prose'
import { buildOpenApiDocument } from '@/lib/api'
import { getConfig } from '@/lib/config'

export const metadata: Metadata = { title: 'Gateway API reference' }

// The readable form of GET /api/v1/openapi.json: the same document, drawn on
// the server. No client script and no third-party viewer (CSP, and nothing to
// download from elsewhere).
export default function ApiDocsPage() {
  const document = buildOpenApiDocument({ serverUrl: getConfig().appUrl })
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...(op as Omit<OperationView, 'method' | 'path'>), method, path })),
  )
  return (
    <div className="space-y-8">
      <section aria-labelledby="api-title">
        <h1 id="api-title" className="text-3xl font-semibold tracking-tight">
          Gateway API reference
        </h1>
        <p className="mt-3 text-slate-800">
          <Prose text={document.info.description} />
        </p>
        <p className="mt-3 text-slate-800">
          Base URL: <code className="font-mono">{document.servers[0]!.url}</code>. Version {document.info.version}. For programs, the same
          description as OpenAPI 3.1:{' '}
          <a href="/api/v1/openapi.json" className="font-medium text-brand underline">
            /api/v1/openapi.json
          </a>
          .
        </p>
        <nav aria-label="Routes" className="mt-4">
          <ul className="list-disc space-y-1 pl-6">
            {operations.map((op) => (
              <li key={op.operationId}>
                <a href={`#${op.operationId}`} className="text-brand underline">
                  {op.summary}
                </a>{' '}
                <span className="font-mono text-sm text-slate-700">
                  {op.method.toUpperCase()} {op.path}
                </span>
              </li>
            ))}
          </ul>
        </nav>
      </section>
      {operations.map((op) => (
        <ApiOperation key={op.operationId} op={op} />
      ))}
    </div>
  )
}
