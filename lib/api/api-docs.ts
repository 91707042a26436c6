import { z } from 'zod'

export type ApiDocsMeta = { description: string; examples?: unknown[] }

/**
 * Descriptions for the OpenAPI document, kept beside the zod schemas that
 * check requests and shape answers, in a registry of its own: the request
 * schemas live with their domain (lib/validate) and stay free of API prose,
 * and `z.toJSONSchema` reads only this registry, so nothing else leaks in.
 */
export const apiDocs = z.registry<ApiDocsMeta>()

/** `schema`, described in the API document. Returns the same schema. */
export function described<T extends z.ZodType>(schema: T, meta: ApiDocsMeta): T {
  apiDocs.add(schema, meta)
  return schema
}
