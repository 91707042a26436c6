import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom'

// An allow-list SVG sanitiser for logos. The file is parsed by a real XML
// parser (@xmldom/xmldom), then written out afresh from what the lists
// below allow: unknown elements go with their content, unknown attributes
// go, and an attribute that points outside the file (href not starting
// with #, url(...) to anything but #id, @import) goes too. Comments,
// processing instructions (xml-stylesheet) and CDATA outside text are
// dropped. A DTD or entity declaration refuses the whole file: the parser
// would not expand them, but nothing legitimate in a logo needs one.

const SVG_NS = 'http://www.w3.org/2000/svg'
const XLINK_NS = 'http://www.w3.org/1999/xlink'

const ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'defs',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'title', 'desc', 'use', 'symbol',
])
/** Elements whose text content is kept. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc'])

const ATTRIBUTES = new Set([
  'id', 'class', 'style', 'transform', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity',
  'clip-path', 'clip-rule', 'mask', 'display', 'visibility', 'color',
  'viewBox', 'width', 'height', 'x', 'y', 'preserveAspectRatio', 'version',
  'd', 'rx', 'ry', 'cx', 'cy', 'r', 'x1', 'y1', 'x2', 'y2', 'points', 'pathLength',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing',
  'dx', 'dy', 'text-decoration',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'fx', 'fy', 'fr', 'offset', 'stop-color', 'stop-opacity',
  'clipPathUnits', 'maskUnits', 'maskContentUnits',
])
/** Elements that may reference another element of the same file. */
const HREF_ELEMENTS = new Set(['use', 'linearGradient', 'radialGradient'])

export type SanitizedSvg = { ok: true; svg: string; removed: string[] } | { ok: false; message: string }

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, '&quot;')

/** True when a value may point outside the file or run something. */
function isExternal(value: string): boolean {
  const v = value.toLowerCase()
  if (/@import|expression\s*\(|javascript:|vbscript:|data:|\\/.test(v)) return true
  // url(...) only to a fragment of this file: url(#id) or url('#id').
  for (const match of v.matchAll(/url\s*\(\s*(['"]?)\s*([^'")]*)/g)) {
    if (!match[2]!.startsWith('#')) return true
  }
  return false
}

function writeElement(element: XmlElement, removed: string[]): string {
  const name = element.localName ?? ''
  const attributes: string[] = []
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i)!
    const ns = attribute.namespaceURI
    const local = attribute.localName ?? attribute.name
    // Namespace declarations are written once on the root instead.
    if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue
    const isHref = local === 'href' && (ns === null || ns === XLINK_NS)
    if (isHref) {
      if (HREF_ELEMENTS.has(name) && attribute.value.trim().startsWith('#') && !isExternal(attribute.value)) attributes.push(`href="${escapeAttribute(attribute.value.trim())}"`)
      else removed.push(`${name} ${attribute.name}`)
      continue
    }
    if (ns !== null || !ATTRIBUTES.has(local) || isExternal(attribute.value)) {
      removed.push(`${name} ${attribute.name}`)
      continue
    }
    attributes.push(`${local}="${escapeAttribute(attribute.value)}"`)
  }
  if (name === 'svg' && element.parentNode?.nodeType === 9) attributes.unshift(`xmlns="${SVG_NS}"`)
  const children = writeChildren(element, removed)
  const open = [name, ...attributes].join(' ')
  return children ? `<${open}>${children}</${name}>` : `<${open}/>`
}

function writeChildren(parent: XmlNode, removed: string[]): string {
  let out = ''
  const keepText = TEXT_ELEMENTS.has((parent as XmlElement).localName ?? '')
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      const element = child as XmlElement
      if (element.namespaceURI === SVG_NS && ELEMENTS.has(element.localName ?? '')) out += writeElement(element, removed)
      else removed.push(element.nodeName)
    } else if ((child.nodeType === 3 || child.nodeType === 4) && keepText) {
      out += escapeText(child.nodeValue ?? '')
    }
  }
  return out
}

/** Parses and rebuilds an SVG logo from the allow-lists, or refuses it with a reason a person can act on. */
export function sanitizeSvg(source: string): SanitizedSvg {
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) return { ok: false, message: 'The SVG file contains a DTD or entity declarations, which logos must not use. Save it again without them.' }
  let root: XmlElement | null
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message)
      },
    }).parseFromString(source, 'image/svg+xml')
    root = document.documentElement
  } catch {
    return { ok: false, message: 'The SVG file is not well-formed XML, so it cannot be checked. Export it again from your drawing program.' }
  }
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg') return { ok: false, message: 'The file is not an SVG image (its root element must be <svg> in the SVG namespace).' }
  const removed: string[] = []
  const svg = writeElement(root, removed)
  return { ok: true, svg, removed }
}
