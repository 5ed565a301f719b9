import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync, readdirSync } from 'node:fs'
import { fold, words as guestWords } from '../../guest/text.ts'
import { collectionLayout } from '../../runtime/collections.ts'
import { generateCollection } from '../../runtime/persona/index.ts'
import { frameFromRecords } from '../../sandbox/frame/codec.ts'
import type { Frame } from '../../sandbox/frame/types.ts'
import { callKernel, KernelArgumentError } from '../../sandbox/kernels.ts'
import { fastFolder } from '../../sandbox/_fold.ts'
import { tokenizer } from '../../sandbox/_tokens.ts'
import { TextRows } from '../../sandbox/_text_rows.ts'
import { KernelDeadlineError, pick, SpecCache, textMatch } from '../../sandbox/text_kernels.ts'
import { createSandbox, DEFAULT_LIMITS } from '../../sandbox/index.ts'
// @ts-expect-error plain JavaScript module without types
import * as social from '../../algorithms/social-post-review/index.js'
// @ts-expect-error plain JavaScript module without types
import * as brand from '../../algorithms/top-brand/index.js'

const root = new URL('../../algorithms/', import.meta.url)
const wordlists = JSON.parse(
  readFileSync(new URL('social-post-review/wordlists.json', root), 'utf8'),
)
const brands = JSON.parse(readFileSync(new URL('top-brand/brands.json', root), 'utf8'))

/** Every post text of the reference modules' fixtures, plus a generated person's posts. */
function corpus(): string[] {
  const texts: string[] = []
  for (const name of ['social-post-review', 'top-brand']) {
    const dir = new URL(`${name}/fixtures/`, root)
    for (const f of readdirSync(dir)) {
      const fixture = JSON.parse(readFileSync(new URL(f, dir), 'utf8'))
      for (const p of fixture.collections?.posts ?? []) texts.push(String(p.text))
    }
  }
  for (const p of generateCollection('posts', { seed: 7, scale: 20 })) texts.push(String(p.text))
  return texts
}
const TEXTS = corpus()

function postsFrame(texts: readonly string[]): Frame {
  const rows = texts.map((text, i) => ({
    id: `p${i}`,
    postedAt: Date.UTC(2025, 0, 1) + i * 60_000,
    platform: i % 3 === 0 ? 'mastodon' : 'bluesky',
    text,
  }))
  return frameFromRecords(
    collectionLayout('posts'),
    rows,
    ['id', 'postedAt', 'platform', 'text'],
    -Infinity,
    Infinity,
  )
}

// Text that exercises folding: accents precomposed and combining, ß/œ/æ, ñ, Σ, jamo, emoji, `.
const tricky = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      ' ',
      'é',
      'E\u0301',
      'ß',
      'Œ',
      'æ',
      'Ñ',
      'n\u0303',
      'ΣΑΣ',
      'Σ',
      '\u1100\u1161',
      '한',
      '😂',
      '❤️',
      '`',
      '’',
      'İ',
      'ﬁ',
      'Ω',
      '\u2126',
      '\ue000',
      '.',
      ',',
      '!',
      "'",
      '#',
      '@',
      '_',
      '-',
      '1',
      'Scheiße',
      'ENCULÉ',
      'coño',
      'fuck',
      'piss off',
      '\ud800',
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''))

describe('text kernels', () => {
  it('fold at host speed equals the guest library fold, whatever the text', () => {
    const spanish = fastFolder('ñ')
    const plain = fastFolder('')
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary' })), (text) => {
        expect(spanish(text)).toBe(fold(text, { keep: 'ñ' }))
        expect(plain(text)).toBe(fold(text))
      }),
      { numRuns: 3000 },
    )
    for (const text of TEXTS) expect(spanish(text)).toBe(fold(text, { keep: 'ñ' }))
  })

  it('reads each row of a column as decoding its bytes alone would, even when they are not UTF-8', () => {
    const rowBytes = fc.oneof(
      fc.string({ unit: 'binary' }).map((t) => new TextEncoder().encode(t)),
      fc.uint8Array({ maxLength: 12 }),
      fc.constantFrom(
        Uint8Array.of(0xe2, 0x82),
        Uint8Array.of(0xac),
        Uint8Array.of(0xc0, 0x80),
        Uint8Array.of(0xed, 0xa0, 0x80),
        Uint8Array.of(0xf8, 0x80, 0x80, 0x80),
        Uint8Array.of(0xf0, 0x9f, 0x98),
      ),
    )
    fc.assert(
      fc.property(fc.array(rowBytes, { maxLength: 40 }), fc.boolean(), (rows, backwards) => {
        const offsets = new Uint32Array(rows.length + 1)
        rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.length))
        const bytes = new Uint8Array(offsets[rows.length]!)
        rows.forEach((r, i) => bytes.set(r, offsets[i]!))
        const reader = new TextRows({ offsets, bytes }, rows.length, backwards)
        const order = rows.map((_, i) => (backwards ? rows.length - 1 - i : i))
        for (const i of order) expect(reader.at(i)).toBe(new TextDecoder().decode(rows[i]))
      }),
      { numRuns: 2000 },
    )
  })

  it('cuts words like the guest library: letters and digits, or ASCII with joining characters', () => {
    const unicode = tokenizer('unicode', '')
    const tags = tokenizer('ascii', '_@#')
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary' })), (text) => {
        const folded = fold(text, { keep: 'ñ' })
        expect(unicode.words(folded)).toEqual(guestWords(text, { keep: 'ñ' }))
        expect(tags.words(fold(text))).toEqual(fold(text).match(/[a-z0-9_@#]+/g) ?? [])
      }),
      { numRuns: 3000 },
    )
  })

  it("gives social-post-review's guest matcher's categories and terms, row by row", () => {
    const match = social.compileMatcher(wordlists) as (t: string) => {
      categories: string[]
      terms: string[]
    }
    const extra = fc.sample(tricky, 500)
    const texts = [...TEXTS, ...extra]
    const frame = postsFrame(texts)
    const r = textMatch(
      frame,
      'text',
      { lists: social.kernelLists(wordlists), keep: 'ñ' },
      { hits: 10_000, from: 'first' },
    )
    const expected = texts
      .map((t, row) => ({ row, ...match(t) }))
      .filter((x) => x.categories.length)
    expect(expected.length).toBeGreaterThan(20)
    expect(r.hits.map((h) => ({ row: h.row, categories: h.labels, terms: h.terms }))).toEqual(
      expected,
    )
    expect(r.matched).toBe(expected.length)
    for (const c of ['profanity', 'drugs', 'violence', 'discrimination']) {
      expect(r.counts[c]).toBe(expected.filter((x) => x.categories.includes(c)).length)
    }
  })

  it("gives top-brand's guest matcher's brands, post by post", () => {
    const matchers = brand.brandMatchers(brands)
    const texts = [
      ...TEXTS,
      'Love my @Nike_Running shoes',
      '#NewBalance or new balance?',
      'carry on running',
      'Gel-Kayano day',
    ]
    const frame = postsFrame(texts)
    const r = textMatch(frame, 'text', brand.kernelSpecs(matchers), { rows: 'list' })
    const named = texts.map((t) => brand.brandsNamed(matchers, t) as number[])
    matchers.forEach((_: unknown, b: number) => {
      const rows = named.flatMap((list, i) => (list.includes(b) ? [i] : []))
      expect(r.counts[`b${b}`], `brand ${b}`).toBe(rows.length)
      if (rows.length > 0) expect(r.lastRow[`b${b}`]).toBe(rows.at(-1))
    })
    expect(r.rows).toEqual(named.flatMap((list, i) => (list.length > 0 ? [i] : [])))
    expect(r.matched).toBeGreaterThan(3)
  })

  it('finds phrases inside one clause and tells negated ones apart', () => {
    const frame = postsFrame([
      'no coffee for me, thanks',
      'Coffee? yes. Not now',
      'we could not. coffee later',
      'un café ?',
    ])
    const spec = {
      lists: { coffee: ['coffee', 'cafe'], later: ['coffee later'] },
      negators: ['no', 'not'],
      reach: 3,
      clauses: true,
    }
    const r = textMatch(frame, 'text', spec, { hits: 10, from: 'first', rows: 'bitmap' })
    expect(r.hits).toEqual([
      { row: 1, labels: ['coffee'], negated: [], terms: ['coffee'] },
      { row: 2, labels: ['coffee', 'later'], negated: [], terms: ['coffee', 'coffee later'] },
      { row: 3, labels: ['coffee'], negated: [], terms: ['cafe'] },
    ])
    expect(r.negatedCounts).toEqual({ coffee: 1, later: 0 })
    expect(r.counts).toEqual({ coffee: 3, later: 1 })
    expect(r.rows).toBe(btoa(String.fromCharCode(0b1110)))
    // Without clauses, 'not.' reaches over the full stop.
    const flat = textMatch(frame, 'text', { ...spec, clauses: false })
    expect(flat.negatedCounts.coffee).toBe(2)
  })

  it('reads only the consented rows asked for: startRow, where, maxChars', () => {
    const frame = postsFrame(['coffee', 'tea', 'a long text then coffee', 'coffee'])
    const spec = { lists: { c: ['coffee'] }, maxChars: 10 }
    expect(textMatch(frame, 'text', spec).counts.c).toBe(2)
    expect(textMatch(frame, 'text', spec, { startRow: 2 }).firstRow).toEqual({ c: 3 })
    const from = Date.UTC(2025, 0, 1) + 60_000
    expect(textMatch(frame, 'text', spec, { where: { to: from } }).matched).toBe(1)
  })

  it('a kept compiled spec answers exactly as a fresh compile, for every row range', () => {
    const texts = corpus().slice(0, 300)
    const frame = postsFrame(texts)
    const specs = new SpecCache(2)
    const spec = {
      lists: { coffee: ['coffee', 'café*', 'ein kaffee'], no: ['not'] },
      negators: ['no', 'pas'],
      clauses: true,
    }
    for (const startRow of [0, 1, 150, 299, 300, 400]) {
      const options = { startRow, hits: 20, rows: 'list' as const }
      const fresh = textMatch(frame, 'text', spec, options)
      // A structurally equal spec (another object) finds the same compiled matchers.
      const kept = textMatch(frame, 'text', structuredClone(spec), options, { specs })
      expect(kept).toEqual(fresh)
      expect(fresh.scanned).toBe(Math.max(0, 300 - startRow))
    }
    expect(specs.misses).toBe(1)
    expect(specs.hits).toBe(5)
    // Bounded: two others push it out, and it compiles again.
    textMatch(frame, 'text', { lists: { a: ['a'] } }, {}, { specs })
    textMatch(frame, 'text', { lists: { b: ['b'] } }, {}, { specs })
    textMatch(frame, 'text', spec, {}, { specs })
    expect(specs.misses).toBe(4)
    // A spec that does not compile is never kept, and fails the same way every time.
    for (let k = 0; k < 2; k++) {
      expect(() => textMatch(frame, 'text', { lists: { a: ['*'] } }, {}, { specs })).toThrow(
        KernelArgumentError,
      )
    }
  })

  it('refuses what it cannot bound, by name', () => {
    const frame = postsFrame(['x'])
    const bad: [unknown, unknown][] = [
      [{ lists: [] }, {}],
      [{ lists: { a: 'word' } }, {}],
      [{ lists: { a: ['*'] } }, {}],
      [{ lists: { a: ['two words*'] } }, {}],
      [{ lists: { a: ['x'] }, reach: 65 }, {}],
      [{ lists: { a: ['x'] }, letters: 'latin' }, {}],
      [{ lists: { a: ['x'] }, join: '_' }, {}],
      [{ lists: { a: ['x'] } }, { hits: 10_001 }],
      [{ lists: { a: ['x'] } }, { rows: 'all' }],
      [{ lists: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, ['x']])) }, {}],
      [{ lists: { a: Array.from({ length: 20_001 }, () => 'x') } }, {}],
    ]
    for (const [spec, options] of bad) {
      expect(() =>
        callKernel(
          new Map([['posts', frame]]),
          'textMatch',
          'posts',
          JSON.stringify(['text', spec, options]),
        ),
      ).toThrow(KernelArgumentError)
    }
    expect(() => textMatch(frame, 'platform', { lists: { a: ['x'] } })).toThrow(/not a text field/)
    expect(() => textMatch(frame, 'lang', { lists: { a: ['x'] } })).toThrow(/no field 'lang'/)
    expect(() => pick(frame, ['lang'], [0])).toThrow(/no field 'lang'/)
    expect(() => pick(frame, ['id'], [1])).toThrow(KernelArgumentError)
  })

  it('stops at the run deadline', () => {
    const frame = postsFrame(Array.from({ length: 2000 }, () => 'coffee'))
    expect(() =>
      textMatch(frame, 'text', { lists: { c: ['coffee'] } }, {}, { deadline: Date.now() - 1 }),
    ).toThrow(KernelDeadlineError)
  })

  it('pick gives plain values of the rows asked for, null when missing', () => {
    const frame = postsFrame(['a', 'b'])
    expect(pick(frame, ['id', 'platform', 'postedAt'], [1, 0])).toEqual({
      id: ['p1', 'p0'],
      platform: ['bluesky', 'mastodon'],
      postedAt: [Date.UTC(2025, 0, 1) + 60_000, Date.UTC(2025, 0, 1)],
    })
  })
})

describe('text kernels in the sandbox', () => {
  const sandbox = createSandbox()
  afterAll(() => sandbox.dispose())

  it('a guest gets counts and picked rows, and nothing outside its consented fields', async () => {
    const full = postsFrame(['what the fuck', 'hello', 'shit happens'])
    // The consented view: text and id only.
    const frame: Frame = { ...full, columns: { text: full.columns.text!, id: full.columns.id! } }
    const code = `export function analyze(input) {
      const posts = input.collections.posts
      const r = posts.textMatch('text', { lists: { bad: ['fuck*', 'shit'] } }, { hits: 5 })
      let leaked = 'no'
      try { posts.pick(['platform'], [0]) ; leaked = 'yes' } catch (e) { leaked = String(e.message) }
      return { matched: r.matched, rows: r.hits.map((h) => h.row), ids: posts.pick(['id'], r.hits.map((h) => h.row)).id, leaked }
    }`
    const r = await sandbox.run({
      engine: 'quickjs',
      code,
      frames: [frame],
      now: 0,
      params: null,
      limits: DEFAULT_LIMITS,
    })
    if (!r.ok) throw r.error
    expect(JSON.parse(r.output)).toEqual({
      matched: 2,
      rows: [2, 0],
      ids: ['p2', 'p0'],
      leaked: "no field 'platform' in posts",
    })
    expect(r.stats.columnsCopied).toBe(0)
  })
})
