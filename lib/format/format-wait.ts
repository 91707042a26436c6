// Pure: how long to wait, as a person reads it: "a minute" or "7 minutes".
export function formatWait(seconds: number): string {
  const m = Math.ceil(seconds / 60)
  return m <= 1 ? 'a minute' : `${m} minutes`
}
