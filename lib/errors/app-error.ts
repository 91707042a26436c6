/**
 * Expected failures. Only `message` ever reaches a person, so it must be
 * plain, helpful and free of secrets; anything that is not an AppError is a
 * bug, logged and shown as a generic message.
 */
export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_CODE'
  | 'LOCKED'
  | 'EXPIRED'
  | 'RATE_LIMITED'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'

export class AppError extends Error {
  override name = 'AppError'
  readonly code: AppErrorCode
  /** For RATE_LIMITED: seconds until a retry may succeed. */
  readonly retryAfterSeconds?: number

  constructor(code: AppErrorCode, message: string, options?: { retryAfterSeconds?: number; cause?: unknown }) {
    super(message, { cause: options?.cause })
    this.code = code
    this.retryAfterSeconds = options?.retryAfterSeconds
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

const HTTP_STATUS: Record<AppErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID_CODE: 400,
  LOCKED: 423,
  EXPIRED: 410,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
}

export function httpStatusFor(code: AppErrorCode): number {
  return HTTP_STATUS[code]
}
