/**
 * A host app that installs sealpost the way users do: `npm pack` of this repository (which builds
 * dist/), then `npm ci --offline` in a fresh temporary app. Offline and repeatable: every
 * dependency of the package comes as a tarball packed from this repository's own node_modules, at
 * the versions its lock file names, so no registry (and no npm cache) is involved.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

interface LockEntry {
  version: string
  resolved?: string
  integrity?: string
  dev?: boolean
  link?: boolean
  [key: string]: unknown
}

interface Packed {
  readonly name: string
  readonly version: string
  readonly filename: string
  readonly integrity: string
}

/** `npm pack` of `dirs` into `dest` (one npm process), with what npm reports of each tarball. */
async function pack(dirs: readonly string[], dest: string, cwd: string): Promise<Packed[]> {
  const args = ['pack', ...dirs, '--json', '--ignore-scripts', '--pack-destination', dest]
  const { stdout } = await run(npm, args, {
    cwd,
    maxBuffer: 64 << 20,
    env: { ...process.env, npm_config_loglevel: 'error' },
  })
  return JSON.parse(stdout) as Packed[]
}

/** Bytes of everything under `dir`. */
export function sizeOf(dir: string): number {
  let total = 0
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(join(dir, name), { throwIfNoEntry: false })
    if (s?.isFile()) total += s.size
  }
  return total
}

/**
 * A folder for the app with no `node_modules` above it: Node resolves packages by walking up, so a
 * stray /tmp/node_modules would lend the app packages it never installed.
 */
function isolatedBase(): string {
  const candidates = [process.env['SEALPOST_CONSUMER_TMP'], tmpdir(), '/var/tmp', homedir()]
  for (const base of candidates) {
    if (base === undefined || !existsSync(base)) continue
    let dir = resolve(base)
    let clean = true
    for (;;) {
      if (existsSync(join(dir, 'node_modules'))) clean = false
      const up = dirname(dir)
      if (up === dir) break
      dir = up
    }
    if (clean) return base
  }
  throw new Error('no temporary folder without a node_modules above it (set SEALPOST_CONSUMER_TMP)')
}

export interface InstalledApp {
  readonly dir: string
  readonly tarball: string
  /** Bytes of the app's node_modules after the install. */
  readonly installBytes: number
  readonly packages: readonly string[]
}

/** Packs the repository and installs the tarball, offline, into a new app folder. */
export async function installIntoFreshApp(): Promise<InstalledApp> {
  const dir = await mkdtemp(join(isolatedBase(), 'sealpost-host-app-'))
  const deps = join(dir, 'deps')
  await mkdir(deps)
  // The package itself, built as `prepack` would (here apart, so its output stays out of the JSON).
  await run(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot })
  const [self] = await pack(['.'], dir, repoRoot)
  if (!self) throw new Error('npm pack made no tarball')
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>
  }
  // What `npm i sealpost` installs: the lock's non-dev packages (peer dependencies are optional).
  const runtimePaths = Object.keys(lock.packages).filter(
    (p) => p.startsWith('node_modules/') && !lock.packages[p]!.dev && !lock.packages[p]!.link,
  )
  const packed = await pack(
    runtimePaths.map((p) => join(repoRoot, p)),
    deps,
    repoRoot,
  )
  const packages: Record<string, LockEntry> = {
    '': { name: 'host-app', version: '1.0.0', dependencies: { sealpost: `file:${self.filename}` } },
    'node_modules/sealpost': {
      version: pkg.version,
      resolved: `file:${self.filename}`,
      integrity: self.integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      peerDependencies: pkg.peerDependencies,
      peerDependenciesMeta: pkg.peerDependenciesMeta,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  }
  runtimePaths.forEach((p, i) => {
    const tgz = packed[i]!
    const entry = lock.packages[p]!
    if (tgz.version !== entry.version)
      throw new Error(`${p}: packed ${tgz.version}, lock ${entry.version}`)
    packages[p] = { ...entry, resolved: `file:deps/${tgz.filename}`, integrity: tgz.integrity }
  })
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'host-app',
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies: { sealpost: `file:${self.filename}` },
    }),
  )
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'host-app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages,
    }),
  )
  await run(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
    env: { ...process.env, npm_config_loglevel: 'error' },
  })
  const modules = join(dir, 'node_modules')
  return {
    dir,
    tarball: join(dir, self.filename),
    installBytes: sizeOf(modules),
    packages: runtimePaths.map((p) => p.slice('node_modules/'.length)),
  }
}
