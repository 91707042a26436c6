import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { firstIssueMessage } from '@/lib/validation'

export const ZApiClientName = z
  .string()
  .trim()
  .min(1, 'Give the API client a name')
  .max(64, 'API client names are at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'API client names may contain letters, digits, spaces, dots, hyphens and underscores')

export function parseApiClientName(name: string): string {
  const parsed = ZApiClientName.safeParse(name)
  if (!parsed.success) throw new AppError('INVALID_INPUT', firstIssueMessage(parsed.error))
  return parsed.data
}

