import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { SeedFileError } from './seed-file-error'

/** A parsed element: attributes under "@name", text under "#text", children by local name. */
export type XmlNode = { [name: string]: XmlValue }
type XmlValue = string | XmlNode | XmlValue[]

const PSKC_NAMESPACE = 'urn:ietf:params:xml:ns:keyprov:pskc'
const MAX_FILE_BYTES = 50 * 1024 * 1024

// Entities and DTDs off: a DOCTYPE is refused before the parser sees the file,
// so no entity can expand (billion laughs) or point outside (XXE); the parser
// itself never resolves anything either (processEntities: false).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
})

/** Parses a PSKC document's text into its KeyContainer element, or says what is wrong with it. */
export function loadPskcContainer(xml: string): XmlNode {
  if (xml.length > MAX_FILE_BYTES) throw malformed(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`)
  const text = xml.replace(/^\uFEFF/, '')
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) {
    throw new SeedFileError('DOCTYPE', 'The file declares a DOCTYPE or entities; PSKC files need neither, so it is refused unread.')
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw malformed(`it is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`)
  const document = parser.parse(text) as XmlNode
  const roots = Object.keys(document).filter((k) => !k.startsWith('#'))
  const container = document.KeyContainer
  if (roots.length !== 1 || !container || typeof container !== 'object' || Array.isArray(container)) {
    throw malformed(`its root element is <${roots[0] ?? 'none'}>, not a PSKC <KeyContainer>`)
  }
  if (!new RegExp(`xmlns(:[\\w.-]+)?\\s*=\\s*["']${PSKC_NAMESPACE}["']`).test(text)) {
    throw malformed(`it does not use the RFC 6030 namespace ${PSKC_NAMESPACE} (an older draft format?)`)
  }
  if (attr(container, 'Version') !== '1.0') throw malformed(`KeyContainer Version is "${attr(container, 'Version') ?? ''}", expected "1.0"`)
  return container
}

export function malformed(detail: string): SeedFileError {
  return new SeedFileError('MALFORMED', `The file is not a usable PSKC file: ${detail}.`, { detail })
}

/** The one child element `name`, or undefined; two of them is an error. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name]
  if (value === undefined) return undefined
  if (Array.isArray(value)) throw malformed(`<${name}> appears more than once where one is expected`)
  // An element with only text (or nothing) comes back as a string.
  return typeof value === 'string' ? { '#text': value } : value
}

/** Every child element `name`, in document order. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? { '#text': v } : (v as XmlNode)))
}

/** The text of child `name` (or of the node itself when no name), entities decoded; undefined when absent. */
export function text(node: XmlNode | undefined, name?: string): string | undefined {
  const element = name === undefined ? node : child(node, name)
  const value = element?.['#text']
  return typeof value === 'string' ? decodeXmlEntities(value) : element ? '' : undefined
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`]
  return typeof value === 'string' ? decodeXmlEntities(value) : undefined
}

// Only XML's five predefined entities and character references: with no DTD
// there is nothing else an entity could name.
function decodeXmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[ref]!
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** Strict base64 (whitespace between lines allowed, as in RFC 6030's figures). */
export function decodeBase64(value: string | undefined, what: string): Buffer {
  const compact = (value ?? '').replace(/\s+/g, '')
  if (!compact || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw malformed(`${what} is not base64`)
  return Buffer.from(compact, 'base64')
}
