// Pure: a moment as people read it on a page or in an email, with its time
// zone, so nobody has to guess whether 09:00 is theirs or the server's.
// `seconds` for logs, where the order of events a second apart matters.
export function formatWhen(date: Date, { seconds = false }: { seconds?: boolean } = {}): string {
  return `${date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: seconds ? 'medium' : 'short', timeZone: 'UTC' })} UTC`
}
