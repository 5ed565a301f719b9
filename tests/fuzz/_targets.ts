/**
 * Fuzz targets: each parser or check that reads what a partner, a guest or a file controls, with
 * an input generator (random data and mutations of valid seeds) and the property that must hold.
 * A target may refuse its input only with the typed error its layer documents; any other
 * exception is a crash. Inputs are JSON-serialisable (`{ bytes: hex }`, `{ text }`, `{ json }`)
 * so a crash can be saved to `corpus/` and replayed as a regression test.
 */
import fc from 'fast-check'
import { readBundle } from '../../runtime/bundle/format.ts'
import {
  buildBundle,
  generatePartnerKey,
  verifyBundle,
  TrustStore,
} from '../../runtime/bundle/index.ts'
import { outputBitBound, parseManifest } from '../../runtime/manifest/index.ts'
import type { JsonSchema } from '../../runtime/manifest/types.ts'
import { checkOutput } from '../../runtime/pipeline/output.ts'
import { LinearRegExp, PatternRefusedError } from '../../runtime/manifest/_linear_regex.ts'
import {
  ColumnDecodeError,
  decodeColumn,
  encodeColumn,
  frameFromRecords,
} from '../../sandbox/frame/codec.ts'
import { callKernel, KernelArgumentError } from '../../sandbox/kernels.ts'
import { importers } from '../../runtime/importers/index.ts'
import { SealpostError } from '../../sandbox/errors.ts'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import { ImportFormatError, ImportLimitError } from '../../runtime/importers/errors.ts'
import {
  streamJson,
  type JsonEvent,
  type JsonSelection,
} from '../../runtime/importers/_json_stream.ts'
import { rebuild } from '../importers/_json_events.ts'
import { mt940Importer } from '../../runtime/importers/mt940.ts'

/** A saved input: bytes as hex, text, or a JSON value. */
export type FuzzInput =
  { readonly bytes: string } | { readonly text: string } | { readonly json: unknown }

/** What a target must do with any input: return, or throw only its documented typed error. */
export interface FuzzTarget {
  readonly arbitrary: fc.Arbitrary<FuzzInput>
  check(input: FuzzInput): void | Promise<void>
}

/** A target broke its property; the message says how. */
export class FuzzCrash extends Error {
  override name = 'FuzzCrash'
}

const bytesOf = (i: FuzzInput): Uint8Array => ('bytes' in i ? fromHex(i.bytes) : new Uint8Array())
const textOf = (i: FuzzInput): string => ('text' in i ? i.text : '')
const jsonOf = (i: FuzzInput): unknown => ('json' in i ? i.json : null)

/** Lets only `allowed` through; anything else thrown is a crash. */
function onlyThrows(
  fn: () => unknown,
  ...allowed: (abstract new (...a: never[]) => Error)[]
): void {
  try {
    fn()
  } catch (e) {
    if (allowed.some((c) => e instanceof c)) return
    throw new FuzzCrash(`unexpected ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e })
  }
}

/** Random edits (overwrite, insert, delete, truncate) of one of `seeds`. */
function mutations(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const edit = fc.tuple(fc.constantFrom('set', 'insert', 'delete', 'cut'), fc.nat(), fc.nat(255))
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 8 }))
    .map(([seed, edits]) => {
      let b = Array.from(seed)
      for (const [op, at, v] of edits) {
        const i = b.length === 0 ? 0 : at % b.length
        if (op === 'set' && b.length) b[i] = v
        else if (op === 'insert') b.splice(i, 0, v)
        else if (op === 'delete') b.splice(i, 1)
        else b = b.slice(0, i)
      }
      return new Uint8Array(b)
    })
}

/** A source giving `bytes` in chunks cut at `cuts` (taken modulo the length, so any cut is valid). */
function cutSource(name: string, bytes: Uint8Array, cuts: readonly number[]) {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  return {
    name,
    async *chunks() {
      let from = 0
      for (const to of [...at, bytes.length]) {
        yield bytes.subarray(from, to)
        from = to
      }
    },
  }
}

const asBytes = (a: fc.Arbitrary<Uint8Array>): fc.Arbitrary<FuzzInput> =>
  a.map((b) => ({ bytes: toHex(b) }))

// ---- seeds ------------------------------------------------------------------------------------

const partnerKey = generatePartnerKey('stridewear')
const trust = new TrustStore()
trust.add(partnerKey.publicKey)

/** A valid private manifest: the starting point of manifest and bundle mutations. */
export const SEED_MANIFEST = {
  id: 'com.stridewear.weekly-runs',
  version: '1.0.0',
  partner: { id: 'stridewear', name: 'StrideWear' },
  engine: 'quickjs',
  entry: 'index.js',
  mode: 'private',
  purpose: 'Suggest a training plan',
  reads: [{ collection: 'activities', fields: ['startedAt', 'sport'], window: 'P90D' }],
  output: {
    type: 'object',
    additionalProperties: false,
    required: ['runsPerWeek', 'level'],
    properties: {
      runsPerWeek: { type: 'integer', minimum: 0, maximum: 14 },
      level: { enum: ['easy', 'steady', 'hard'] },
      code: { type: 'string', maxLength: 6, pattern: '^[a-z0-9]{0,6}$' },
    },
  },
  schedule: { kind: 'once' },
  personalization: 1,
  retentionDays: 7,
  assets: ['plan.json'],
}

let seedBundleBytes: Uint8Array | undefined
const seedBundle = (): Uint8Array =>
  (seedBundleBytes ??= buildBundle(
    {
      manifest: SEED_MANIFEST,
      code: 'export function analyze() { return { runsPerWeek: 1, level: "easy" } }',
      assets: { 'plan.json': new TextEncoder().encode('{"weeks":[1,2,3]}') },
    },
    partnerKey,
  ))

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: {
    startedAt: 'time',
    sport: 'category',
    durationSec: 'number',
    note: 'text',
    done: 'bool',
  },
} as const
const frame = frameFromRecords(
  layout,
  Array.from({ length: 20 }, (_, i) => ({
    startedAt: 1_700_000_000_000 + i * 3_600_000,
    sport: ['running', 'cycling'][i % 2],
    durationSec: 600 + i,
    note: `run ${i} ✓`,
    done: i % 3 === 0,
  })),
  ['startedAt', 'sport', 'durationSec', 'note', 'done'],
  0,
  Infinity,
)

// ---- JSON values ------------------------------------------------------------------------------

const jsonValue = fc.jsonValue({ maxDepth: 6 })
/** A schema-ish value: random JSON shaped like the keywords the bound and Ajv read. */
const schemaLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small' },
    fc.boolean(),
    fc.record(
      {
        type: fc.constantFrom('integer', 'number', 'string', 'boolean', 'array', 'object', 'null'),
        minimum: fc.oneof(fc.double(), fc.integer()),
        maximum: fc.oneof(fc.double(), fc.integer()),
        exclusiveMinimum: fc.double(),
        multipleOf: fc.oneof(
          fc.double({ min: 1e-320, max: 1e6, noNaN: true }),
          fc.constant(1e-320),
        ),
        maxLength: fc.nat(50),
        pattern: fc.constantFrom('^[a-z]{0,4}$', '^(a+)+$', '^\\d{3}$', '.*'),
        enum: fc.array(jsonValue, { maxLength: 5 }),
        maxItems: fc.nat(5),
        items: tie('schema'),
        additionalProperties: fc.constant(false),
        properties: fc.dictionary(fc.string({ maxLength: 4 }), tie('schema'), { maxKeys: 3 }),
        anyOf: fc.array(tie('schema'), { maxLength: 3 }),
        allOf: fc.array(tie('schema'), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  ),
})).schema

/** Small valid-looking inputs the importer mutations start from. */
const IMPORTER_SEEDS: readonly string[] = [
  'Date,Description,Amount\n2024-01-02,Coffee,-3.50\n',
  'OFXHEADER:100\nDATA:OFXSGML\n<OFX><BANKTRANLIST><STMTTRN><DTPOSTED>20240102<TRNAMT>-3.5<NAME>Coffee</STMTTRN></BANKTRANLIST></OFX>',
  '<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="48.8" lon="2.3"><time>2024-01-02T10:00:00Z</time></trkpt></trkseg></trk></gpx>',
  'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20240102T100000Z\nSUMMARY:Flight AF 123\nEND:VEVENT\nEND:VCALENDAR\n',
  '[02/01/2024, 10:00:00] Camille: On va prendre un café ?\n',
  '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Condition","code":{"text":"x"}}}]}',
  '{"personal_information":{"user_id":1},"chats":{"list":[{"name":"A","type":"personal_chat","id":2,"messages":[{"id":1,"type":"message","date_unixtime":"1700000000","from_id":"user1","text":["a ",{"type":"bold","text":"b"}]}]}]}}',
  '[{"string_list_data":[{"href":"https://www.instagram.com/a","value":"a","timestamp":1600000000}]}]',
]

/** Valid JSON the json-stream mutations start from: every construct, escapes, UTF-8. */
const JSON_SEEDS: readonly string[] = [
  '{"a":[1,-0.5e+3,true,false,null,{}],"s":"q\\"\\\\\\u00e9\\ud83d\\ude00 é😀","":[]}',
  '[[[{"x":[{}]}]],"\\n",0,-1E-2]',
  ' \t\r\n"just a string" ',
]

/** MT940/MT942 the mt940 mutations start from: DK and slash-tag narratives, envelope, MT942. */
const MT940_SEEDS: readonly string[] = [
  ':20:STARTUMS\r\n:25:66642399/93387\r\n:28C:0\r\n:60F:C200219EUR3085,00\r\n:61:200219C65,00NMSC\r\n:86:166?00UEBERWEISUNG?10931?20SVWZ+einfach so?21 IBAN: DE40500105174675974588?30HEISDE66?31DE40500105174675974588?32Olivia Dorn\r\n:62F:C200219EUR3150,00\r\n-\r\n',
  '{1:F01INGBNL2ABXXX0000000000}\n{2:I940INGBNL2AXXXN}\n{4:\n:20:P1\n:25:NL68INGB0000012345EUR\n:28C:00000\n:60F:C140731EUR436,90\n:61:1408250825D192,36NTRFNONREF//14237654096217\n/TRCD/00100/\n:86:/CNTP/NL57ABNA0876543211/ABNANL2A/B Bert///REMI/USTD//22-08\n-2014 Omschrijving/\n:62F:C140825EUR244,54\n-}\n',
  ':20:R1\n:25:DE1\n:28C:1\n:34F:EURD0,\n:13D:2301051200+0100\n:61:2301050105RCR2,25NRTINONREF\n:86:free text\n:90D:1EUR2,25\n:90C:0EUR0,\n-\n',
]

// ---- the targets ------------------------------------------------------------------------------

export const FUZZ_TARGETS: Readonly<Record<string, FuzzTarget>> = {
  /** The bundle container and the signed contents behind it. */
  'bundle-parser': {
    arbitrary: asBytes(
      fc.oneof(
        fc.uint8Array({ maxLength: 400 }),
        mutations([seedBundle()]),
        fc.constant(seedBundle()),
      ),
    ),
    check(input) {
      onlyThrows(() => verifyBundle(readBundle(bytesOf(input)), trust), SealpostError)
    },
  },

  /** Manifest validation, including the output schema's compile and pattern admission. */
  manifest: {
    arbitrary: fc.oneof(
      fc.record({ json: jsonValue }),
      fc.record({
        json: fc
          .tuple(
            fc.constant(SEED_MANIFEST),
            fc.constantFrom(...Object.keys(SEED_MANIFEST)),
            jsonValue,
          )
          .map(([m, key, v]) => ({ ...m, [key]: v })),
      }),
      fc.record({
        json: schemaLike.map((output) => ({ ...SEED_MANIFEST, output })),
      }),
    ),
    check(input) {
      onlyThrows(() => parseManifest(jsonOf(input)), SealpostError)
    },
  },

  /** The bit bound: a finite number ≥ 0 or Infinity for any schema, never NaN, never a throw. */
  'bit-bound': {
    arbitrary: fc.record({ json: schemaLike }),
    check(input) {
      const s = jsonOf(input)
      if (typeof s !== 'boolean' && (typeof s !== 'object' || s === null || Array.isArray(s)))
        return
      const { bits, fields } = outputBitBound(s as JsonSchema | boolean)
      for (const b of [bits, ...fields.map((f) => f.bits)]) {
        if (!(b === Infinity || (Number.isFinite(b) && b >= 0))) {
          throw new FuzzCrash(`bit bound ${b} is not a finite number ≥ 0 or Infinity`)
        }
      }
    },
  },

  /** Output validation: any guest string against the seed schema. */
  'output-gate': {
    arbitrary: fc.record({
      text: fc.oneof(
        fc.string({ maxLength: 200 }),
        jsonValue.map((v) => JSON.stringify(v)),
        fc.constantFrom('{"runsPerWeek":1,"level":"easy","code":"\\ud800"}', '{"__proto__":{}}'),
      ),
    }),
    check(input) {
      onlyThrows(() => checkOutput(textOf(input), SEED_MANIFEST.output), SealpostError)
    },
  },

  /** The linear-time regex engine: refuses with PatternRefusedError or compiles and tests. */
  'pattern-engine': {
    arbitrary: fc.record({ text: fc.string({ maxLength: 40 }) }),
    check(input) {
      onlyThrows(() => new LinearRegExp(textOf(input)).test('aAb1 _😀\ud800'), PatternRefusedError)
    },
  },

  /** The vault's column codec. */
  'frame-codec': {
    arbitrary: asBytes(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        mutations(Object.values(frame.columns).map((c) => encodeColumn(c))),
      ),
    ),
    check(input) {
      onlyThrows(() => decodeColumn(bytesOf(input)), ColumnDecodeError)
    },
  },

  /** The kernel argument decoder, as a guest reaches it. */
  'kernel-args': {
    arbitrary: fc.record({
      json: fc.tuple(
        fc.constantFrom(
          'count',
          'sum',
          'groupSum',
          'groupMean',
          'topK',
          'histogram',
          'nearest',
          'x',
        ),
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.array(jsonValue, { maxLength: 4 }).map((a) => JSON.stringify(a)),
          fc
            .tuple(
              fc.constantFrom('sport', 'durationSec', 'startedAt', 'note', 'done', 'nope'),
              jsonValue,
            )
            .map(([f, v]) => JSON.stringify([f, v, { where: { eq: { [f]: v } } }])),
        ),
      ),
    }),
    check(input) {
      const [name, args] = jsonOf(input) as [string, string]
      onlyThrows(
        () =>
          callKernel(new Map([['activities', frame]]), String(name), 'activities', String(args)),
        KernelArgumentError,
      )
    },
  },

  /**
   * The streaming JSON parser on any bytes cut anywhere: a typed refusal exactly when JSON.parse
   * refuses the text (or nesting passes the cap), else the same value, walked into or taken whole.
   */
  'json-stream': {
    arbitrary: fc.record({
      json: fc.tuple(
        fc
          .oneof(
            fc.uint8Array({ maxLength: 200 }),
            fc.jsonValue({ maxDepth: 5 }).map((v) => new TextEncoder().encode(JSON.stringify(v))),
            mutations(JSON_SEEDS.map((s) => new TextEncoder().encode(s))),
          )
          .map((b) => toHex(b)),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom('descend', 'value', 'skip'),
      ),
    }),
    async check(input) {
      const [hex, cuts, mode] = jsonOf(input) as [string, number[], JsonSelection]
      const bytes = fromHex(hex)
      let expected: string | undefined
      try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
        expected = JSON.stringify(JSON.parse(text))
      } catch {
        expected = undefined
      }
      const source = cutSource('fuzz.json', bytes, cuts)
      const events: JsonEvent[] = []
      try {
        for await (const batch of streamJson(source, 'fuzz', { select: () => mode }))
          events.push(...batch)
      } catch (e) {
        if (e instanceof ImportLimitError && e.limit === 'json-depth') return
        if (!(e instanceof ImportFormatError))
          throw new FuzzCrash(`unexpected ${(e as Error)?.name}: ${(e as Error)?.message}`, {
            cause: e,
          })
        if (expected !== undefined) throw new FuzzCrash(`refused valid JSON: ${e.message}`)
        return
      }
      if (expected === undefined) throw new FuzzCrash('accepted what JSON.parse refuses')
      if (mode !== 'skip' && JSON.stringify(rebuild(events)) !== expected)
        throw new FuzzCrash(`read ${JSON.stringify(rebuild(events))}, JSON.parse ${expected}`)
    },
  },

  /**
   * The MT940 reader on mutated statements cut into chunks anywhere: records whose fields are in
   * range, or a typed refusal (a statement error, a format error, a limit).
   */
  mt940: {
    arbitrary: fc.record({
      json: fc.tuple(
        fc
          .oneof(
            fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
            mutations(MT940_SEEDS.map((s) => new TextEncoder().encode(s))),
          )
          .map((b) => toHex(b)),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.boolean(),
      ),
    }),
    async check(input) {
      const [hex, cuts, reconcile] = jsonOf(input) as [string, number[], boolean]
      const bytes = fromHex(hex)
      const source = cutSource('fuzz.sta', bytes, cuts)
      try {
        for await (const { record } of mt940Importer.read(source, { reconcile })) {
          const r = record as Record<string, unknown>
          if (
            !Number.isFinite(r['amount']) ||
            !Number.isInteger(r['bookedAt']) ||
            !/^[A-Z]{3}$/.test(String(r['currency'])) ||
            typeof r['description'] !== 'string' ||
            (r['description'] as string).length > 1000
          )
            throw new FuzzCrash(`record out of range: ${JSON.stringify(r)}`)
        }
      } catch (e) {
        if (e instanceof FuzzCrash) throw e
        if (e instanceof ImportFormatError || e instanceof ImportLimitError) return
        throw new FuzzCrash(`unexpected ${(e as Error)?.name}: ${(e as Error)?.message}`, {
          cause: e,
        })
      }
    },
  },

  /** Every importer on random and mutated bytes: records or a typed refusal. */
  importers: {
    arbitrary: fc.record({
      json: fc.tuple(
        fc.constantFrom(...importers.map((i) => i.format)),
        fc
          .oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
            mutations(IMPORTER_SEEDS.map((s) => new TextEncoder().encode(s))),
          )
          .map((b) => toHex(b)),
      ),
    }),
    async check(input) {
      const [format, hex] = jsonOf(input) as [string, string]
      const importer = importers.find((i) => i.format === format)
      if (!importer) return
      const bytes = fromHex(hex)
      try {
        importer.sniff(bytes, 'fuzz')
        const source = {
          name: 'fuzz',
          async *chunks() {
            yield bytes
          },
        }
        for await (const _ of importer.read(source)) void _
      } catch (e) {
        if (e instanceof SealpostError) return
        throw new FuzzCrash(`unexpected ${(e as Error)?.name}: ${(e as Error)?.message}`, {
          cause: e,
        })
      }
    },
  },
}
