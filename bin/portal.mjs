#!/usr/bin/env node
// Launcher for the `portal` CLI. It re-runs Node with two things the
// TypeScript entry point needs: the tsx loader, and the `react-server`
// export condition, under which `import 'server-only'` in lib/ resolves to
// an empty module exactly as it does inside Next.js.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MIN_NODE_MAJOR, supportedRuntime } from '../scripts/runtime/ensure-runtime.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const tsx = require.resolve('tsx')
const main = path.join(root, 'scripts', 'cli', 'main.ts')

// On a Node older than the portal supports, the runtime `npm install` fetched.
const node = supportedRuntime()
if (!node) {
  console.error(`Token Portal needs Node.js ${MIN_NODE_MAJOR} or newer (this is ${process.version}). Run \`npm install\` first: on an older Node it fetches a supported runtime.`)
  process.exit(1)
}

const child = spawn(
  node,
  ['--conditions=react-server', '--import', pathToFileURL(tsx).href, main, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: process.env },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))

