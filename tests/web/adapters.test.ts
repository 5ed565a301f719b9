/**
 * The browser adapters, checked on Node: each offers every name its Node original
 * exports, the CSV stand-in parses exactly as csv-parse's Node stream does, the hostile modules of
 * the safety check end with their codes, and the README quotes the runtime Worker verbatim.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { parse as nodeParse } from 'csv-parse/stream'
import { parse as browserParse } from '../../runtime/importers/_csv_parse_browser.ts'
import { runProbe } from '../../web/src/runtime/probes.ts'
import { createSandbox } from '../../sandbox/index.ts'
import { repoRoot } from './_browser.ts'

async function exportNames(path: string): Promise<string[]> {
  return Object.keys((await import(path)) as object).sort()
}

/** A platform adapter has a browser and a Node file; other entries (`#manifest-validator`) one file. */
type Target =
  | { 'sealpost-source': { browser: string; default: string }; browser: string; default: string }
  | { 'sealpost-source': string; default: string }
const allImports = Object.entries(
  (
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      imports: Record<string, Target>
    }
  ).imports,
)
const platformImports = allImports.flatMap(([name, target]) =>
  typeof target['sealpost-source'] === 'object' && 'browser' in target
    ? [
        [
          name,
          { source: target['sealpost-source'], browser: target.browser, default: target.default },
        ] as const,
      ]
    : [],
)

describe('platform adapters (package.json imports)', () => {
  it('give browsers every name the Node adapter exports', async () => {
    expect(platformImports.length).toBeGreaterThanOrEqual(5)
    expect(platformImports.every(([name]) => name.startsWith('#platform/'))).toBe(true)
    for (const [name, target] of platformImports) {
      const want = await exportNames(join(repoRoot, target.source.default))
      const have = await exportNames(join(repoRoot, target.source.browser))
      expect([name, want.filter((n) => !have.includes(n))]).toEqual([name, []])
    }
  })

  it('point the compiled package at the compiled twin of each source file', () => {
    const compiled = (src: string): string => src.replace('./', './dist/').replace(/\.ts$/, '.js')
    for (const [, target] of platformImports) {
      expect(target.default).toBe(compiled(target.source.default))
      expect(target.browser).toBe(compiled(target.source.browser))
    }
    for (const [name, target] of allImports) {
      const source = target['sealpost-source']
      if (typeof source === 'string')
        expect([name, target.default]).toEqual([name, compiled(source)])
    }
    expect(allImports.length).toBeGreaterThan(platformImports.length)
  })
})

/** Records out of a csv-parse TransformStream fed `chunks`. */
async function records(stream: TransformStream, chunks: readonly unknown[]): Promise<unknown[]> {
  const writer = stream.writable.getWriter()
  const out: unknown[] = []
  const reading = (async () => {
    const reader = stream.readable.getReader()
    for (;;) {
      const next = await reader.read()
      if (next.done) return
      out.push(next.value)
    }
  })()
  for (const c of chunks) await writer.write(c)
  await writer.close()
  await reading
  return out
}

describe('the browser CSV stand-in', () => {
  const options = { info: true, skip_empty_lines: true, relax_column_count: true } as const
  const field = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', '"', '\n', '1') })
  const quote = (f: string): string => (/[,;"\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)

  it('gives the records and line numbers csv-parse’s Node stream gives, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        fc.constantFrom(',', ';'),
        fc.integer({ min: 1, max: 7 }),
        async (rows, delimiter, step) => {
          const text = rows.map((r) => r.map(quote).join(delimiter)).join('\n')
          const bytes = new TextEncoder().encode(text)
          const chunks: Uint8Array[] = []
          for (let i = 0; i < bytes.length; i += step) chunks.push(bytes.subarray(i, i + step))
          const opts = { ...options, delimiter }
          const want = await records(
            nodeParse(opts),
            chunks.map((c) => Buffer.from(c)),
          ).then(
            (r) => ({ ok: r.map(shape) }),
            (e: Error) => ({ error: e.name }),
          )
          const have = await records(browserParse(opts), chunks).then(
            (r) => ({ ok: r.map(shape) }),
            (e: Error) => ({ error: e.name }),
          )
          expect(have).toEqual(want)
        },
      ),
      { numRuns: 200 },
    )
  })
})

/** The parts of an `info: true` record the importers read. */
function shape(r: unknown): unknown {
  const { record, info } = r as { record: string[]; info: { lines: number } }
  return { record, lines: info.lines }
}

describe('the safety check’s hostile modules, on the Node sandbox', () => {
  const sandbox = createSandbox()
  afterAll(() => sandbox.dispose())

  it('ends a WebAssembly endless loop by terminating its worker', async () => {
    const before = sandbox.workersStarted
    const r = await runProbe(sandbox, 'wasm-endless-loop')
    expect([r.code, r.hard]).toEqual(['SEALPOST_GUEST_TIMEOUT', true])
    expect(sandbox.workersStarted).toBe(before + 1)
  })

  it('ends a JavaScript endless loop at the soft deadline', async () => {
    const r = await runProbe(sandbox, 'endless-loop')
    expect([r.code, r.hard]).toEqual(['SEALPOST_GUEST_TIMEOUT', false])
  })

  it('ends a memory bomb inside the bounded memory', async () => {
    const r = await runProbe(sandbox, 'memory-bomb')
    expect([r.code, r.hard]).toEqual(['SEALPOST_GUEST_OUT_OF_MEMORY', false])
  })
})

describe('the README', () => {
  it('quotes the runtime Worker of the browser app verbatim', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
    const worker = readFileSync(join(repoRoot, 'web/src/runtime/worker.ts'), 'utf8')
    expect(readme).toContain('```ts\n' + worker + '```')
  })
})
