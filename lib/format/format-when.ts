// Pure: a moment as people read it on a page or in an email, with its time
// zone, so nobody has to guess whether 09:00 is theirs or the server's.
export function formatWhen(date: Date): string {
  return `${date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`
}
