import 'server-only'
import { randomInt } from 'node:crypto'

// No 0/O, 1/I/L: serials are read aloud to the helpdesk and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A random serial such as "TP7K2M9QXA": random, never sequential (ids appear in URLs). */
export function generateSerial(): string {
  let out = 'TP'
  for (let i = 0; i < 8; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}
