import { z } from 'zod'

/** Seed 000: the default name is the username and the serial. */
export function defaultTokenName({ username, serial }: { username: string; serial: string }): string {
  return `${username}-${serial}`.slice(0, 64)
}

/** 1–64 printable characters: no control or invisible formatting characters. */
export const ZTokenName = z
  .string()
  .trim()
  .min(1, 'Give your token a name.')
  .refine((name) => [...name].length <= 64, 'Keep the name to 64 characters or fewer.')
  .refine((name) => !/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u.test(name), 'Use letters, digits, spaces and punctuation only.')
