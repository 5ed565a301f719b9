/**
 * How runs scale with the data: favorite-sport, spending-insights and social-post-review over 1k,
 * 10k, 100k and 1M rows, each size in a fresh process so that its peak RSS is its own. The parent
 * builds the consented frames (the views the pipeline would build) and writes them to a temp file;
 * the child warms a sandbox, notes its RSS (the baseline), reads the frames (the consented bytes)
 * and runs the module once untimed, then three times through `runBundle` with the default limits
 * (2 s deadline). Reported per size: engine time min–median–max, µs per row (wall, and CPU of the
 * whole process, which a loaded machine does not inflate), peak RSS growth over the baseline after
 * the first run and after all four, against the consented bytes (goal ≤ 2× + 64 MiB). The frames
 * read from the file count in the growth (they stand for the vault's chunks), and each run gets its
 * own copy of them, as from a view, which the Worker frees only when it collects. Last, the slope
 * ratio per decade
 * (t(10n) / (10 · t(n)), goal ≤ 1.3 for social-post-review). Views are not timed here (see the
 * vault suite): the frames come from memory. Long: `npm run bench -- --only scaling [--modules
 * social-post-review]`.
 */

import { execFileSync } from 'node:child_process'
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resourceUsage } from 'node:process'
import { fileURLToPath } from 'node:url'
import { collectionLayout } from '../runtime/collections.ts'
import { loadModuleFolder } from '../runtime/dev/module_folder.ts'
import { runBundle, viewRequests } from '../runtime/pipeline/run.ts'
import type { ViewSource } from '../runtime/pipeline/types.ts'
import { giveConsent } from '../runtime/policy/consent.ts'
import { frameFromRecords } from '../sandbox/frame/codec.ts'
import type { Column, Frame } from '../sandbox/frame/types.ts'
import { createSandbox } from '../sandbox/index.ts'
import { formatSpread, spreadOf, type BenchFile, type BenchSuiteReport } from './_report.ts'
import { tiledRows, type TiledCollection } from './_rows.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const NOW = Date.UTC(2026, 10, 1)
const MODULES: Record<string, TiledCollection> = {
  'favorite-sport': 'activities',
  'spending-insights': 'transactions',
  'social-post-review': 'posts',
}
const RUNS = 3
const MIB = 1024 * 1024

// ---- frames to a file and back --------------------------------------------------------------

function partsOf(col: Column): ArrayBufferView[] {
  if (col.kind === 'category') return [col.codes]
  if (col.kind === 'text') return [col.offsets, col.bytes]
  return [col.values]
}

function writeFrames(path: string, frames: readonly Frame[]): void {
  const blobs: Uint8Array[] = []
  const header = frames.map((f) => ({
    collection: f.collection,
    length: f.length,
    columns: Object.entries(f.columns).map(([name, col]) => {
      const parts = partsOf(col).map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength))
      blobs.push(...parts)
      return {
        name,
        kind: col.kind,
        dictionary: col.kind === 'category' ? col.dictionary : undefined,
        parts: parts.map((p) => p.byteLength),
      }
    }),
  }))
  const head = Buffer.from(JSON.stringify(header))
  const len = Buffer.alloc(4)
  len.writeUInt32LE(head.length)
  writeFileSync(path, Buffer.concat([len, head, ...blobs]))
}

interface FileColumn {
  name: string
  kind: Column['kind']
  dictionary?: string[]
  parts: number[]
}

/** The frames of a file, and how many bytes their columns hold. */
function readFrames(path: string): { frames: Map<string, Frame>; bytes: number } {
  // Read part by part into the columns' own buffers: a whole-file buffer would count twice.
  const fd = openSync(path, 'r')
  let at = 0
  const read = (n: number): Uint8Array => {
    const out = new Uint8Array(n)
    let got = 0
    while (got < n) got += readSync(fd, out, got, n - got, at + got)
    at += n
    return out
  }
  const headLen = Buffer.from(read(4)).readUInt32LE(0)
  const header = JSON.parse(new TextDecoder().decode(read(headLen))) as {
    collection: string
    length: number
    columns: FileColumn[]
  }[]
  let bytes = 0
  const take = (n: number): ArrayBuffer => {
    bytes += n
    return read(n).buffer as ArrayBuffer
  }
  const frames = new Map<string, Frame>()
  for (const f of header) {
    const columns: Record<string, Column> = {}
    for (const c of f.columns) {
      const p = c.parts.map(take)
      columns[c.name] =
        c.kind === 'category'
          ? { kind: c.kind, codes: new Int32Array(p[0]!), dictionary: c.dictionary ?? [] }
          : c.kind === 'text'
            ? { kind: c.kind, offsets: new Uint32Array(p[0]!), bytes: new Uint8Array(p[1]!) }
            : c.kind === 'bool'
              ? { kind: c.kind, values: new Uint8Array(p[0]!) }
              : { kind: c.kind, values: new Float64Array(p[0]!) }
    }
    frames.set(f.collection, { collection: f.collection, length: f.length, columns })
  }
  closeSync(fd)
  return { frames, bytes }
}

function copyFrame(f: Frame): Frame {
  const columns: Record<string, Column> = {}
  for (const [name, c] of Object.entries(f.columns)) {
    columns[name] =
      c.kind === 'category'
        ? { ...c, codes: c.codes.slice() }
        : c.kind === 'text'
          ? { ...c, offsets: c.offsets.slice(), bytes: c.bytes.slice() }
          : c.kind === 'bool'
            ? { ...c, values: c.values.slice() }
            : { ...c, values: c.values.slice() }
  }
  return { ...f, columns }
}

// ---- the child: one module, one size ----------------------------------------------------------

interface ChildResult {
  readonly engineMs: number[]
  readonly totalMs: number[]
  /** CPU time of the whole process (host and sandbox Worker) per run, ms. */
  readonly cpuMs: number[]
  readonly rows: number
  readonly consentedBytes: number
  readonly peakGrowthBytes: number
  /** Peak RSS growth over the first run alone (one view, one run). */
  readonly firstRunGrowthBytes: number
  readonly error?: string
}

/**
 * The process's peak RSS in bytes since `resetPeakRss`. On Linux this is the address space's own
 * high-water mark (`VmHWM`): `getrusage`'s `maxRSS` is no use here, because a child process keeps
 * the high-water mark of the parent it was forked from across `exec`, so a parent holding a 1M-row
 * frame made every child's "peak" start hundreds of MiB up. Elsewhere, `maxRSS`.
 */
function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1]) * 1024
  } catch {
    // not Linux
  }
  return resourceUsage().maxRSS * 1024
}

/** Sets the peak to the current RSS (Linux ≥ 4.0: `5` to `clear_refs`), where the platform allows. */
function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
  } catch {
    // the peak then counts from the process start, which only ever overstates the growth
  }
}

async function child(moduleDir: string, framesPath: string): Promise<ChildResult> {
  const bundle = await loadModuleFolder(moduleDir)
  await using sandbox = createSandbox()
  await sandbox.warmUp()
  const baseline = process.memoryUsage().rss
  resetPeakRss()
  const { frames, bytes } = readFrames(framesPath)
  const source: ViewSource = {
    view: async (r) => {
      const f = frames.get(r.collection)
      if (!f) throw new Error(`no frame for ${r.collection}`)
      return copyFrame(f) // a run moves its frames to the Worker, as a view's would be
    },
  }
  const engineMs: number[] = []
  const totalMs: number[] = []
  const cpuMs: number[] = []
  let error: string | undefined
  const consent = giveConsent(bundle, NOW)
  // One untimed run first, as a long-lived host would have had: the JIT warms the kernels. The
  // peak RSS after it is the peak of a single run, what a CLI process doing one run meets.
  await runBundle({ source, sandbox, consent }, bundle, { now: NOW }).catch(() => undefined)
  const firstRunGrowthBytes = peakRss() - baseline
  for (let i = 0; i < RUNS; i++) {
    try {
      const cpu = process.cpuUsage()
      const r = await runBundle({ source, sandbox, consent }, bundle, { now: NOW })
      const used = process.cpuUsage(cpu)
      engineMs.push(r.stats.runMs)
      totalMs.push(r.stats.totalMs)
      cpuMs.push((used.user + used.system) / 1000)
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
      break
    }
  }
  const rows = Math.max(...[...frames.values()].map((f) => f.length))
  const peakGrowthBytes = peakRss() - baseline
  return {
    engineMs,
    totalMs,
    cpuMs,
    rows,
    consentedBytes: bytes,
    peakGrowthBytes,
    firstRunGrowthBytes,
    ...(error ? { error } : {}),
  }
}

// ---- the parent ---------------------------------------------------------------------------------

async function measure(module: string, n: number, dir: string): Promise<ChildResult> {
  const moduleDir = join(root, 'algorithms', module)
  const bundle = await loadModuleFolder(moduleDir)
  const rows = tiledRows(MODULES[module]!, n, NOW)
  const frames = viewRequests(bundle, NOW).map((r) =>
    frameFromRecords(collectionLayout(r.collection), rows, r.fields, r.from, r.to),
  )
  const path = join(dir, `${module}-${n}.frames`)
  writeFrames(path, frames)
  const out = execFileSync(
    process.execPath,
    [join(root, 'bin/run-ts.js'), join(root, 'bench/scaling.bench.ts'), '--child', moduleDir, path],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  rmSync(path)
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult
}

export const run: BenchFile = async ({ quick }) => {
  const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000]
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-scaling-'))
  const reports: BenchSuiteReport[] = []
  try {
    // `--modules a,b` narrows the run (for example to social-post-review alone).
    const at = process.argv.indexOf('--modules')
    const only = at === -1 ? undefined : process.argv[at + 1]?.split(',')
    for (const module of Object.keys(MODULES).filter((m) => !only || only.includes(m))) {
      const notes: string[] = [
        'rows       engine ms min–median–max      µs/row   slope  CPU µs/row  consented  peak RSS growth: 1 run, 4 runs (goal)',
      ]
      const variants = []
      let previous: number | undefined
      for (const n of sizes) {
        const r = await measure(module, n, dir)
        const label = `${n >= 1e6 ? n / 1e6 + 'M' : n / 1000 + 'k'}`
        if (r.engineMs.length === 0) {
          notes.push(`${label.padEnd(10)} failed: ${r.error}`)
          previous = undefined
          continue
        }
        const e = spreadOf(r.engineMs)
        const slope = previous === undefined ? '' : (e.median / (10 * previous)).toFixed(2)
        previous = e.median
        const goal = 2 * r.consentedBytes + 64 * MIB
        notes.push(
          `${label.padEnd(10)} ${formatSpread(e, 1).padStart(26)}  ${((e.median * 1000) / r.rows).toFixed(2).padStart(8)}  ${slope.padStart(6)}  ${((spreadOf(r.cpuMs).median * 1000) / r.rows).toFixed(2).padStart(10)}  ${(r.consentedBytes / MIB).toFixed(1).padStart(6)} MiB  ${(r.firstRunGrowthBytes / MIB).toFixed(1).padStart(7)}, ${(r.peakGrowthBytes / MIB).toFixed(1).padStart(7)} MiB (≤ ${(goal / MIB).toFixed(0)})${r.error ? `  then ${r.error}` : ''}`,
        )
        variants.push({
          name: label,
          ms: e.median,
          ratio: 1,
          spread: e,
          rounds: r.engineMs.length,
          rme: e.median > 0 ? ((e.max - e.min) / e.median) * 50 : 0,
        })
      }
      // Ratios to the smallest size, per row: 1 means perfectly linear.
      const first = variants[0]
      const perRow = (name: string, ms: number) =>
        ms / Number(name.replace('k', 'e3').replace('M', 'e6'))
      reports.push({
        suite: `scaling/${module}`,
        reference: first?.name ?? 'none',
        variants: variants.map((v) => ({
          ...v,
          ratio: first ? perRow(v.name, v.ms) / perRow(first.name, first.ms) : 1,
        })),
        notes,
      })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return reports
}

if (process.argv[2] === '--child') {
  const result = await child(process.argv[3]!, process.argv[4]!)
  process.stdout.write(JSON.stringify(result) + '\n')
}
