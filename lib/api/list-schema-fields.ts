// Pure: a JSON Schema from the API document, as the rows a reader needs
// (name, type, required, description, rules), for the reference page.
import type { JsonSchema } from './build-openapi-document'

export type SchemaField = { name: string; type: string; required: boolean; description: string; rules: string[] }
/** One shape a body can take: most have one; an answer that is "accept" or "reject" has two. */
export type SchemaVariant = { description: string; fields: SchemaField[]; example: Record<string, unknown> | null }

const FORMATS: Record<string, string> = { 'date-time': 'date and time, ISO 8601 in UTC' }

function typeOf(schema: JsonSchema): string {
  if ('const' in schema) return `always ${JSON.stringify(schema.const)}`
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`
  const base = typeof schema.type === 'string' ? schema.type : 'any'
  return typeof schema.format === 'string' ? `${base} (${FORMATS[schema.format] ?? schema.format})` : base
}

function rulesOf(schema: JsonSchema): string[] {
  const rules: string[] = []
  if (schema.minLength === 1) rules.push('not empty')
  else if (typeof schema.minLength === 'number' && schema.minLength > 1) rules.push(`at least ${schema.minLength} characters`)
  if (typeof schema.maxLength === 'number') rules.push(`at most ${schema.maxLength} characters`)
  if (typeof schema.minimum === 'number') rules.push(`at least ${schema.minimum}`)
  if (typeof schema.maximum === 'number') rules.push(`at most ${schema.maximum}`)
  return rules
}

function variant(schema: JsonSchema): SchemaVariant {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema.required ?? []) as string[])
  const fields = Object.entries(properties).map(([name, s]) => ({
    name,
    type: typeOf(s),
    required: required.has(name),
    description: typeof s.description === 'string' ? s.description : '',
    rules: rulesOf(s),
  }))
  const exampleEntries = Object.entries(properties).flatMap(([name, s]) => {
    const example = 'const' in s ? s.const : Array.isArray(s.examples) ? s.examples[0] : Array.isArray(s.enum) ? s.enum[0] : undefined
    return example === undefined ? [] : [[name, example] as const]
  })
  return { description: typeof schema.description === 'string' ? schema.description : '', fields, example: fields.length ? Object.fromEntries(exampleEntries) : null }
}

/** The variants of an object schema (its anyOf alternatives, or itself). */
export function listSchemaFields(schema: JsonSchema): SchemaVariant[] {
  return Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]).map(variant) : [variant(schema)]
}
