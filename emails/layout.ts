// Shared frame for every email: table layout and inline styles, because mail
// clients (Outlook above all) ignore <style> blocks and modern CSS.

export type Brand = {
  orgName: string
  /** Absolute URL of the logo. */
  logoUrl: string
  /** Validated #rrggbb. */
  color: string
  supportContact: string
  appUrl: string
  /**
   * An admin's text for this one message, placeholders already filled in
   * (renderEmail sets it from `overrides`): replaces the subject and the
   * first paragraph, the introduction. Unset parts keep the built-in text.
   */
  text?: { subject?: string; intro?: string }
  /** Per-template overrides as saved in settings; renderEmail picks the message's own. */
  overrides?: Partial<Record<string, { subject?: string; intro?: string }>>
}

export type RenderedEmail = { subject: string; html: string; text: string }

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** A date as people read it in an email, always with its time zone. */
export function formatWhen(date: Date): string {
  return `${date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`
}

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'steps'; items: string[] }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'note'; text: string }

const P = 'margin:0 0 16px;font-size:16px;line-height:24px;color:#1e293b'

function blockHtml(block: Block, brand: Brand): string {
  switch (block.kind) {
    case 'p':
      return `<p style="${P}">${escapeHtml(block.text)}</p>`
    case 'note':
      return `<p style="margin:0 0 12px;font-size:14px;line-height:20px;color:#475569">${escapeHtml(block.text)}</p>`
    case 'steps':
      return `<ol style="margin:0 0 16px;padding-left:22px;font-size:16px;line-height:24px;color:#1e293b">${block.items
        .map((item) => `<li style="margin:0 0 6px">${escapeHtml(item)}</li>`)
        .join('')}</ol>`
    case 'button':
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 20px"><tr><td style="border-radius:8px;background:${brand.color}"><a href="${escapeHtml(block.url)}" style="display:inline-block;padding:14px 24px;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:8px">${escapeHtml(block.label)}</a></td></tr></table>
<p style="margin:0 0 16px;font-size:13px;line-height:19px;color:#475569">If the button does not work, copy this link into your browser:<br><a href="${escapeHtml(block.url)}" style="color:${brand.color};word-break:break-all">${escapeHtml(block.url)}</a></p>`
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'p':
    case 'note':
      return block.text
    case 'steps':
      return block.items.map((item, i) => `${i + 1}. ${item}`).join('\n')
    case 'button':
      return `${block.label}:\n${block.url}`
  }
}

/** The introduction (the first paragraph) replaced by an admin's text, one paragraph per line. */
function withIntro(blocks: Block[], intro: string): Block[] {
  const paragraphs: Block[] = intro
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text) => ({ kind: 'p', text }))
  const first = blocks.findIndex((b) => b.kind === 'p')
  return first < 0 ? [...paragraphs, ...blocks] : [...blocks.slice(0, first), ...paragraphs, ...blocks.slice(first + 1)]
}

export function renderLayout({
  brand,
  subject,
  preheader,
  heading,
  blocks,
}: {
  brand: Brand
  subject: string
  /** The preview line mail clients show after the subject. */
  preheader: string
  heading: string
  blocks: Block[]
}): RenderedEmail {
  if (brand.text?.subject) subject = brand.text.subject
  if (brand.text?.intro) blocks = withIntro(blocks, brand.text.intro)
  const support = `Questions? Contact ${brand.supportContact}. We will never ask you for your PIN or passcode.`
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<tr><td style="padding:24px 28px 8px;border-bottom:4px solid ${brand.color}"><img src="${escapeHtml(brand.logoUrl)}" width="32" height="32" alt="" style="vertical-align:middle;border:0"> <span style="font-size:16px;font-weight:bold;color:#0f172a;vertical-align:middle">${escapeHtml(brand.orgName)}</span></td></tr>
<tr><td style="padding:24px 28px 8px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:30px;color:#0f172a">${escapeHtml(heading)}</h1>
${blocks.map((b) => blockHtml(b, brand)).join('\n')}
</td></tr>
<tr><td style="padding:16px 28px 24px;border-top:1px solid #e2e8f0;font-size:13px;line-height:19px;color:#64748b">${escapeHtml(support)}</td></tr>
</table></td></tr></table></body></html>`
  const text = [brand.orgName, '', heading, '', ...blocks.map(blockText).flatMap((t) => [t, '']), '--', support, ''].join('\n')
  return { subject, html, text }
}
