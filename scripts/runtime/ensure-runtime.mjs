// npm's postinstall, before anything else: makes sure every npm script runs
// on a Node.js the portal supports (22 or newer; see
// docs/decisions/006-node-runtime-and-sqlite-driver.md).
//
// On Node 22+ there is nothing to do. On an older Node (these machines run
// Node 20, past end of life since April 2026), it installs the Node.js
// runtime published on the npm registry (node-<os>-<arch>, the official
// binaries repackaged) into node_modules/.portal-runtime and links it as
// node_modules/.bin/node. npm puts node_modules/.bin first on PATH for every
// script, so `npm start`, `npm test` and every tool they start (next,
// vitest, playwright, tsx) run on it; bin/portal.mjs uses it when started
// directly. `npm ci` removes it with the rest of node_modules and fetches it again.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The runtime fetched for older Node: the active LTS line, pinned. */
export const RUNTIME_VERSION = '24.21.0'
export const MIN_NODE_MAJOR = 22

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const prefix = path.join(root, 'node_modules', '.portal-runtime')
const shim = path.join(root, 'node_modules', '.bin', 'node')

/**
 * The node binary to run the portal on: this one when it is new enough,
 * else the fetched runtime; null when there is none (npm install not run).
 */
export function supportedRuntime() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) return process.execPath
  return fs.existsSync(shim) ? shim : null
}

function ourShim() {
  try {
    return fs.readlinkSync(shim).includes('.portal-runtime')
  } catch {
    return false
  }
}

const isOurs = (file) => fs.existsSync(file) && fs.existsSync(prefix) && fs.realpathSync(file).startsWith(fs.realpathSync(prefix))

/**
 * The major version of the machine's own Node: the one npm runs on
 * (npm_node_execpath). This script itself may run on the fetched runtime,
 * when npm scripts find it first on PATH.
 */
function hostMajor() {
  const host = [process.env.npm_node_execpath, process.execPath].find((file) => file && !isOurs(file))
  if (!host) return 0
  const version = host === process.execPath ? process.versions.node : execFileSync(host, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
  return Number(version.split('.')[0])
}

function ensureRuntime() {
  const major = hostMajor()
  if (major >= MIN_NODE_MAJOR) {
    // A newer Node than when this was last installed: use it, not an old shim.
    if (ourShim()) fs.rmSync(shim)
    return
  }
  const os = { linux: 'linux', darwin: 'darwin' }[process.platform]
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch]
  if (!os || !arch) {
    console.error(`Token Portal needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${process.version} on ${process.platform}-${process.arch}, for which no runtime can be fetched. Install Node.js ${MIN_NODE_MAJOR} or newer.`)
    process.exit(1)
  }
  const pkg = `node-${os}-${arch}`
  const binary = path.join(prefix, 'node_modules', pkg, 'bin', 'node')
  const current = fs.existsSync(binary) ? execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() : ''
  if (current !== `v${RUNTIME_VERSION}`) {
    console.log(`Node.js ${major} is older than the portal supports (${MIN_NODE_MAJOR}+): fetching Node.js ${RUNTIME_VERSION} (${pkg}) from the npm registry for npm scripts to run on…`)
    fs.rmSync(prefix, { recursive: true, force: true })
    fs.mkdirSync(prefix, { recursive: true })
    // The npm that is running this install (npm_execpath), else the one on PATH.
    const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []]
    execFileSync(npm[0], [...npm[1], 'install', '--prefix', prefix, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `${pkg}@${RUNTIME_VERSION}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  }
  fs.mkdirSync(path.dirname(shim), { recursive: true })
  fs.rmSync(shim, { force: true })
  fs.symlinkSync(path.relative(path.dirname(shim), binary), shim)
  console.log(`npm scripts of Token Portal run on Node.js ${RUNTIME_VERSION} (node_modules/.bin/node).`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureRuntime()
