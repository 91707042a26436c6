import { AppError } from '@/lib/errors'
import type { SeedProblem } from './types'

export type SeedFileErrorReason =
  /** Not well-formed, not PSKC, or a required element is missing or wrong. */
  | 'MALFORMED'
  /** A DOCTYPE or entity declaration: refused before parsing. */
  | 'DOCTYPE'
  /** Encrypted, and no password or pre-shared key was given. */
  | 'KEY_REQUIRED'
  /** The password or pre-shared key does not open the file (MAC or padding check failed). */
  | 'WRONG_KEY'
  /** Valid PSKC, but an encryption or MAC method we do not implement. */
  | 'UNSUPPORTED'
  /** A CSV file with bad rows: the report lists them. */
  | 'BAD_ROWS'

/** A seed file that cannot be imported at all. The message names the problem, never a secret. */
export class SeedFileError extends AppError {
  override name = 'SeedFileError'
  readonly reason: SeedFileErrorReason
  /** MALFORMED: the problem without the sentence around it, so a caller can say where it is; KEY_REQUIRED: 'password' or 'pre-shared key'. */
  readonly detail?: string
  /** For BAD_ROWS: every bad row with its line number and reason. */
  readonly problems: SeedProblem[]

  constructor(reason: SeedFileErrorReason, message: string, options: { detail?: string; problems?: SeedProblem[] } = {}) {
    super('INVALID_INPUT', message)
    this.reason = reason
    this.detail = options.detail
    this.problems = options.problems ?? []
  }
}
