import type { z } from 'zod'

/** The first problem in a zod error, as one sentence for a person. */
export function firstIssueMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The input is not valid'
}
