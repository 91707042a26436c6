import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Polls `condition` until it holds: the suite waits for states, never for a
 * fixed time. Fails with `what` after `timeoutMs`.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs, intervalMs = 50, what }: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<number> {
  const start = performance.now()
  for (;;) {
    if (await condition()) return performance.now() - start
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}`)
    await sleep(intervalMs)
  }
}
