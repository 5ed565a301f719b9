/**
 * Text at the speed of the host: social-post-review over 10k posts (quick) and 10k + 100k (full),
 * after checking every variant gives the same answer, interleaved round by round:
 *
 * - v8-guest-scan (reference): the module's own guest matcher (`compileMatcher`, decoding and
 *   folding every post) run natively in V8 over the same frame: the scan without a sandbox
 * - quickjs-kernel: the module as shipped in the sandbox: one `textMatch` kernel call and a `pick`
 *   of the flagged rows (the engine row is the same minus the Worker messaging)
 * - quickjs-guest-scan (10k only): the same module with the scan written in the guest, as it was
 *   before the text kernels (63 µs a post in issue 15)
 *
 * The notes give µs per post. Target (issue 15): ≤ 2 µs per post at 1M (`--only scaling`).
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleJavaScript } from '../runtime/bundle/compile.ts'
import { collectionLayout } from '../runtime/collections.ts'
import { frameFromRecords } from '../sandbox/frame/codec.ts'
import type { Frame } from '../sandbox/frame/types.ts'
import { createSandbox, DEFAULT_LIMITS, type GuestJob } from '../sandbox/index.ts'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import { interleave, sandboxVariant, variantsFrom, type BenchFn } from './_timing.ts'
import { tiledRows } from './_rows.ts'

const MODULE_URL = new URL('../algorithms/social-post-review/', import.meta.url)
const NOW = Date.UTC(2026, 10, 1)

/** The module's analyze with the scan in the guest: the reference matcher over every post. */
const GUEST_SCAN = `
export function analyze(input) {
  const posts = input.collections.posts
  const match = compileMatcher(input.params['wordlists.json'])
  const times = posts.num('postedAt')
  const flagged = []
  const byCategory = { profanity: 0, drugs: 0, violence: 0, discrimination: 0 }
  for (let i = posts.length - 1; i >= 0; i--) {
    const { categories, terms } = match(posts.text('text', i))
    if (categories.length === 0) continue
    for (const c of categories) byCategory[c]++
    flagged.push({
      postId: posts.text('id', i).slice(0, 200),
      date: isoDate(times[i]),
      platform: posts.get('platform', i) ?? null,
      categories,
      terms: terms.slice(0, 5).map((t) => t.slice(0, 60)),
    })
  }
  return { postsReviewed: posts.length, flaggedCount: flagged.length, byCategory, flagged: fitFlagged(flagged) }
}
`

async function guestScanSource(): Promise<string> {
  const raw = readFileSync(new URL('index.js', MODULE_URL), 'utf8')
  const marker = 'export function analyze(input) {'
  if (!raw.includes(marker)) throw new Error('social-post-review no longer exports analyze')
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-bench-'))
  try {
    writeFileSync(
      join(dir, 'index.js'),
      raw.replace(marker, 'export function analyzeWithKernels(input) {') + GUEST_SCAN,
    )
    return await bundleJavaScript(dir, 'index.js')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The guest-side frame API over a host frame, enough for the guest scan in V8. */
function nativeFrame(frame: Frame) {
  const decoder = new TextDecoder()
  const text = (field: string, i: number): string => {
    const col = frame.columns[field]
    if (col?.kind !== 'text') throw new Error(`${field} is not text`)
    return decoder.decode(col.bytes.subarray(col.offsets[i]!, col.offsets[i + 1]!))
  }
  return {
    length: frame.length,
    text,
    num(field: string): Float64Array {
      const col = frame.columns[field]
      if (col?.kind !== 'time' && col?.kind !== 'number')
        throw new Error(`${field} is not a number`)
      return col.values
    },
    get(field: string, i: number): unknown {
      const col = frame.columns[field]
      if (col?.kind === 'category')
        return col.codes[i]! < 0 ? undefined : col.dictionary[col.codes[i]!]
      return text(field, i)
    },
  }
}

/** The rows a post review reads, as the pipeline's view would give them. */
export function postsFrame(n: number): Frame {
  return frameFromRecords(
    collectionLayout('posts'),
    tiledRows('posts', n, NOW),
    ['id', 'postedAt', 'platform', 'text'],
    -Infinity,
    Infinity,
  )
}

async function suite(n: number, quick: boolean, sources: { kernel: string; guest: string }) {
  const frame = postsFrame(n)
  const params = {
    'wordlists.json': JSON.parse(readFileSync(new URL('wordlists.json', MODULE_URL), 'utf8')),
  }
  const module = (await import(new URL('index.js', MODULE_URL).href)) as {
    compileMatcher: unknown
    isoDate: unknown
    fitFlagged: unknown
  }
  // The guest scan, natively: the same source evaluated as a function over the module's helpers.
  const v8Scan = new Function(
    'compileMatcher',
    'isoDate',
    'fitFlagged',
    GUEST_SCAN.replace('export ', '') + '; return analyze',
  )(module.compileMatcher, module.isoDate, module.fitFlagged) as (input: unknown) => unknown
  const input = { now: NOW, params, trigger: null, collections: { posts: nativeFrame(frame) } }
  const limits = { ...DEFAULT_LIMITS, deadlineMs: 60_000 }
  const job = (code: string, key: string): GuestJob => ({
    engine: 'quickjs',
    code,
    frames: [frame],
    now: NOW,
    params,
    limits,
    reuseKey: key,
  })
  await using sandbox = createSandbox()
  await sandbox.warmUp()
  const jobs: Record<string, GuestJob> = { 'quickjs-kernel': job(sources.kernel, 'kernel') }
  if (n <= 10_000) jobs['quickjs-guest-scan'] = job(sources.guest, 'guest')
  const expected = JSON.stringify(v8Scan(input))
  for (const [name, j] of Object.entries(jobs)) {
    const r = await sandbox.run(j, { transfer: false })
    if (!r.ok) throw r.error
    if (r.output !== expected) throw new Error(`${name} disagrees with the guest scan in V8`)
  }
  if ((JSON.parse(expected) as { flaggedCount: number }).flaggedCount === 0) {
    throw new Error('nothing flagged: the benchmark would time no matching')
  }
  const timed: Record<string, BenchFn> = { 'v8-guest-scan': () => void v8Scan(input) }
  for (const [name, j] of Object.entries(jobs)) timed[name] = sandboxVariant(sandbox, j)
  const variants = variantsFrom(await interleave(timed, { quick }), 'v8-guest-scan')
  const label = `${n / 1000}k`
  const report: BenchSuiteReport = {
    suite: `social-post-review/${label}`,
    reference: 'v8-guest-scan',
    variants,
    notes: variants.map(
      (v) => `${v.name.padEnd(34)} ${((v.ms * 1000) / n).toFixed(2).padStart(8)} µs per post`,
    ),
  }
  return report
}

export const run: BenchFile = async ({ quick }) => {
  const dir = fileURLToPath(MODULE_URL)
  const sources = {
    kernel: await bundleJavaScript(dir, 'index.js'),
    guest: await guestScanSource(),
  }
  const reports: BenchSuiteReport[] = []
  for (const n of quick ? [10_000] : [10_000, 100_000]) reports.push(await suite(n, quick, sources))
  return reports
}
