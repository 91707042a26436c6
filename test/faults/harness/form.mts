// Posting a page's form as a browser without JavaScript does: every hidden
// field the server rendered (the server action's id and state included),
// plus what the person typed, as multipart form data from the same origin.

/** The hidden fields of the first <form> in `html`. */
export function hiddenFields(html: string): [string, string][] {
  const form = /<form\b[\s\S]*?<\/form>/i.exec(html)?.[0]
  if (!form) throw new Error('no form on the page')
  const fields: [string, string][] = []
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    if (!/\btype="hidden"/i.test(input)) continue
    const name = /\bname="([^"]*)"/.exec(input)?.[1]
    if (name === undefined) continue
    fields.push([unescapeHtml(name), unescapeHtml(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '')])
  }
  return fields
}

function unescapeHtml(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#39|#x27);/g, (_, entity: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'", '#x27': "'" })[entity]!)
}

export type FormAnswer = { status: number; location: string | null; error?: string }

/** POSTs the fields to `url`; a refused or reset connection is status 0. */
export async function postForm({ url, fields, cookie, timeoutMs = 15_000 }: { url: string; fields: [string, string][]; cookie?: string; timeoutMs?: number }): Promise<FormAnswer> {
  const form = new FormData()
  for (const [name, value] of fields) form.append(name, value)
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { Origin: new URL(url).origin, 'Sec-Fetch-Site': 'same-origin', ...(cookie ? { Cookie: cookie } : {}) },
    })
    await response.arrayBuffer()
    return { status: response.status, location: response.headers.get('location') }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    return { status: 0, location: null, error: cause?.code ?? (error as Error).message }
  }
}
