/**
 * Streamed JSON exports: a generated Telegram `result.json` of 200 MB imported through the
 * Telegram importer (records built, ids made) under a 64 KiB record cap, against the reference of
 * the same export at 50 MB decoded and `JSON.parse`d whole, the way it was read before. Each run is
 * a fresh child process that measures its own peak RSS growth from a baseline (`VmHWM`, reset with
 * `clear_refs`), and the two kinds of run alternate (interleaved), so machine load falls on both.
 * Prints min–median–max of throughput and peak RSS growth, the per-round throughput ratio, and the
 * load average. The streamed run's time includes making the export as it is read. The importer keeps
 * one small key per record (about 65 bytes) to give repeated records distinct stable ids; the rest
 * of its memory is bounded by the largest record.
 *
 *   node bin/run-ts.js bench/importers/json-stream.ts [--runs 3] [--mb 200] [--ref-mb 50]
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { selectPaths, streamJson } from '../../runtime/importers/_json_stream.ts'
import { telegramImporter } from '../../runtime/importers/index.ts'
import { generatedTelegramExport } from '../../tests/importers/_telegram_export.ts'
import { formatSpread, spreadOf } from '../_report.ts'

const MiB = 1024 * 1024
type Kind = 'import' | 'stream' | 'parse'

interface RunResult {
  readonly kind: Kind
  readonly bytes: number
  readonly records: number
  readonly ms: number
  /** Peak RSS growth over the baseline, in bytes. */
  readonly peakGrowth: number
}

function peakRss(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
  if (!m) throw new Error('this bench reads VmHWM from /proc (Linux only)')
  return Number(m[1]) * 1024
}

function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5')
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  if (i < 0) return fallback
  const value = Number(process.argv[i + 1])
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`--${name} needs a positive number`)
  return value
}

/** The whole Telegram importer: parse, build records, make ids. */
async function importRun(mb: number): Promise<RunResult> {
  const generated = generatedTelegramExport(mb * MiB)
  globalThis.gc?.()
  const baseline = process.memoryUsage().rss
  resetPeakRss()
  const start = performance.now()
  let records = 0
  for await (const _ of telegramImporter.read(generated.source, { maxBytes: 64 * 1024 })) records++
  const ms = performance.now() - start
  if (records !== generated.messages())
    throw new Error(`read ${records} of ${generated.messages()}`)
  return { kind: 'import', bytes: generated.bytes(), records, ms, peakGrowth: peakRss() - baseline }
}

/** The streaming parser alone, taking each message whole: the like-for-like of `JSON.parse`. */
async function streamRun(mb: number): Promise<RunResult> {
  const generated = generatedTelegramExport(mb * MiB)
  const select = selectPaths(['chats.list.*.messages.*'])
  globalThis.gc?.()
  const baseline = process.memoryUsage().rss
  resetPeakRss()
  const start = performance.now()
  let records = 0
  for await (const events of streamJson(generated.source, 'telegram', {
    select,
    maxValueBytes: 64 * 1024,
  }))
    for (const e of events) if (e.kind === 'value') records++
  const ms = performance.now() - start
  if (records !== generated.messages())
    throw new Error(`read ${records} of ${generated.messages()}`)
  return { kind: 'stream', bytes: generated.bytes(), records, ms, peakGrowth: peakRss() - baseline }
}

async function parseRun(mb: number): Promise<RunResult> {
  const generated = generatedTelegramExport(mb * MiB)
  const chunks: Uint8Array[] = []
  for await (const chunk of generated.source.chunks()) chunks.push(chunk)
  const whole = Buffer.concat(chunks)
  chunks.length = 0
  globalThis.gc?.()
  const baseline = process.memoryUsage().rss
  resetPeakRss()
  const start = performance.now()
  const doc = JSON.parse(new TextDecoder().decode(whole)) as {
    chats: { list: { messages: unknown[] }[] }
  }
  let records = 0
  for (const chat of doc.chats.list) records += chat.messages.length
  const ms = performance.now() - start
  if (records !== generated.messages())
    throw new Error(`read ${records} of ${generated.messages()}`)
  return { kind: 'parse', bytes: whole.length, records, ms, peakGrowth: peakRss() - baseline }
}

/**
 * The streamed runs get a V8 heap of 128 MiB, a quarter of a 200 MB file: V8 then collects as it
 * must instead of growing lazily, so their peak RSS shows what they keep alive, and a run that kept
 * the file would end out of memory. The reference cannot run so (its 50 MB file needs ~170 MiB).
 */
const STREAMED_HEAP_MIB = 128

function child(kind: Kind, mb: number): RunResult {
  const heap = kind === 'parse' ? [] : [`--max-old-space-size=${STREAMED_HEAP_MIB}`]
  const run = spawnSync(
    process.execPath,
    [
      ...heap,
      '--expose-gc',
      fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url)),
      fileURLToPath(import.meta.url),
      '--child',
      kind,
      '--mb',
      String(mb),
    ],
    { encoding: 'utf8', maxBuffer: 1 * MiB },
  )
  if (run.status !== 0) throw new Error(`${kind} run failed: ${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as RunResult
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child')
  if (childAt >= 0) {
    const kind = process.argv[childAt + 1]
    const mb = arg('mb', 50)
    const result =
      kind === 'import'
        ? await importRun(mb)
        : kind === 'stream'
          ? await streamRun(mb)
          : await parseRun(mb)
    console.log(JSON.stringify(result))
    return
  }
  const runs = arg('runs', 3)
  const mb = arg('mb', 200)
  const refMb = arg('ref-mb', 50)
  const loadBefore = loadavg()[0]!
  const imported: RunResult[] = []
  const stream: RunResult[] = []
  const parse: RunResult[] = []
  for (let round = 0; round < runs; round++) {
    // Rotate which goes first, so none always meets the machine as another left it.
    const order: Kind[] = (['parse', 'stream', 'import'] as const).map(
      (_, i, all) => all[(i + round) % all.length]!,
    )
    for (const kind of order) {
      if (kind === 'parse') parse.push(child('parse', refMb))
      else if (kind === 'stream') stream.push(child('stream', mb))
      else imported.push(child('import', mb))
    }
  }
  const loadAfter = loadavg()[0]!
  const rate = (r: RunResult): number => r.bytes / MiB / (r.ms / 1000)
  const show = (name: string, rs: RunResult[]): void => {
    console.log(
      `${name.padEnd(34)} ${(rs[0]!.bytes / MiB).toFixed(0).padStart(4)} MiB, ${rs[0]!.records} records: ` +
        `${formatSpread(spreadOf(rs.map(rate)), 1)} MiB/s, peak RSS growth ` +
        `${formatSpread(spreadOf(rs.map((r) => r.peakGrowth / MiB)), 1)} MiB`,
    )
  }
  console.log(
    `json-stream: ${runs} interleaved rounds, load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
  )
  console.log(`(the streamed runs in a process with a ${STREAMED_HEAP_MIB} MiB V8 heap)`)
  show('Telegram importer, streamed', imported)
  show('streaming parser, taking messages', stream)
  show('reference: decode + JSON.parse whole', parse)
  const ratio = (rs: RunResult[]): string =>
    formatSpread(spreadOf(rs.map((r, i) => rate(r) / rate(parse[i]!))), 2)
  console.log(
    `throughput / reference per round: parser ${ratio(stream)}×, importer ${ratio(imported)}×`,
  )
  const perByte = (rs: RunResult[]): string =>
    formatSpread(spreadOf(rs.map((r) => r.peakGrowth / r.bytes)), 3)
  console.log(
    `peak RSS growth per byte of file: importer ${perByte(imported)}, parser ${perByte(stream)}, reference ${perByte(parse)}`,
  )
}

await main()
