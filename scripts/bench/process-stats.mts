// The processes of a server started through bin/portal.mjs, read from /proc
// (Linux; elsewhere the launcher's own pid and no memory figure).
import fs from 'node:fs'

// bin/portal.mjs → the CLI → scripts/server/start.mjs: the server is the deepest descendant.
export function leafProcess(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return pid
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // gone meanwhile
    }
  }
  let leaf = pid
  for (let next = children.get(leaf); next?.length; next = children.get(leaf)) leaf = next[next.length - 1]!
  return leaf
}

export function rssOf(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== 'linux') return null
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) * 1024 : null
  } catch {
    return null
  }
}

// utime + stime (fields 14 and 15 of /proc/<pid>/stat), in clock ticks of 10 ms (USER_HZ is 100 on Linux).
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== 'linux') return null
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}
