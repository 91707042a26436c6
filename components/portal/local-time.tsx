'use client'

import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * A moment in the reader's own time zone. The server, which does not know
 * it, renders UTC; the browser shows local time once it runs, and without
 * JavaScript the UTC text stays (it says so).
 */
export function LocalTime({ iso }: { iso: string }) {
  const local = useSyncExternalStore(
    subscribe,
    () => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    () => null,
  )
  const utc = `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`
  return <time dateTime={iso}>{local ?? utc}</time>
}
