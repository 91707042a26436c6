// Pure (web streams only): read a request body as JSON without ever holding more than `maxBytes`.

export type BoundedJson = { ok: true; value: unknown } | { ok: false; problem: 'too-large' | 'not-json' }

export async function readBoundedJson(request: Request, maxBytes: number): Promise<BoundedJson> {
  const reader = request.body?.getReader()
  if (!reader) return { ok: false, problem: 'not-json' }
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      return { ok: false, problem: 'too-large' }
    }
    chunks.push(value)
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, problem: 'not-json' }
  }
}
