/** The logo types we take, as detected from the bytes (never the file name or the browser's claim). */
export type LogoType = 'image/png' | 'image/jpeg' | 'image/svg+xml'

export const LOGO_MAX_BYTES = 200 * 1024

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

/**
 * PNG and JPEG by their magic numbers; SVG when the bytes are UTF-8 text
 * whose first element (after an optional BOM, XML declaration, comments and
 * whitespace) is <svg. Anything else is null. An SVG is only a candidate
 * here: sanitizeSvg parses it properly.
 */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
  const head = text
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/^(\s*<!--[\s\S]*?-->)*/, '')
    .trimStart()
  // A DOCTYPE comes before the root element: let it through to the sanitiser, which refuses it with a reason.
  return /^<(svg|!DOCTYPE\s+svg)[\s>/]/i.test(head) ? 'image/svg+xml' : null
}
