import { afterAll, describe, expect, it } from 'vitest'
import { createSandbox } from '../../sandbox/index.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle, viewRequests } from '../../runtime/pipeline/run.ts'
import { giveConsent, type ConsentRecord } from '../../runtime/policy/consent.ts'
import type { RunnableBundle } from '../../runtime/pipeline/types.ts'
import type { Manifest } from '../../runtime/manifest/types.ts'

const DAY = 86_400_000
const now = Date.UTC(2026, 10, 1)

const manifest: Manifest = {
  id: 'com.example.probe',
  version: '1.0.0',
  partner: { id: 'example', name: 'Example' },
  engine: 'quickjs',
  entry: 'index.js',
  mode: 'private',
  purpose: 'test the pipeline',
  reads: [{ collection: 'activities', fields: ['startedAt', 'durationSec'], window: 'P30D' }],
  output: {
    type: 'object',
    additionalProperties: false,
    required: ['n'],
    properties: { n: { type: 'integer', minimum: 0, maximum: 1000 } },
  },
  schedule: { kind: 'once' },
  personalization: 1,
  retentionDays: 1,
}

function bundle(code: string, overrides: Partial<Manifest> = {}): RunnableBundle {
  return { manifest: { ...manifest, ...overrides }, code, assets: {}, digest: 'digest-1' }
}

const activities = [
  { id: 'a', startedAt: now - 40 * DAY, sport: 'running', durationSec: 100, avgHeartRate: 150 },
  { id: 'b', startedAt: now - 10 * DAY, sport: 'running', durationSec: 200, avgHeartRate: 140 },
  { id: 'c', startedAt: now - 1 * DAY, sport: 'cycling', durationSec: 300, avgHeartRate: 130 },
  { id: 'd', startedAt: now + 1 * DAY, sport: 'cycling', durationSec: 400, avgHeartRate: 120 },
]
const source = new MemorySource({ activities, purchases: [{ id: 'p', orderedAt: now - DAY }] })
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

const countRows = `export function analyze(input) { return { n: input.collections.activities.length } }`

async function run(b: RunnableBundle, consent: ConsentRecord | undefined = giveConsent(b, now)) {
  return runBundle({ source, sandbox, consent }, b, { now })
}

describe('the run pipeline', () => {
  it('gives the module only the rows inside its window, never the future', async () => {
    const result = await run(bundle(countRows))
    expect(result.output).toEqual({ n: 2 })
    expect(result.read).toEqual([
      {
        collection: 'activities',
        fields: ['startedAt', 'durationSec'],
        from: Date.UTC(2026, 9, 2),
        to: now + 1,
        rows: 2,
      },
    ])
  })

  it('gives the module only the fields it declared', async () => {
    const result = await run(
      bundle(`export function analyze(input) {
        const a = input.collections.activities
        const hidden = !a.has('avgHeartRate') && !a.has('sport') && !('purchases' in input.collections)
        return { n: hidden ? a.fields.length : 999 }
      }`),
    )
    expect(result.output).toEqual({ n: 2 })
  })

  it('names an undeclared field, says to add it to reads, and suggests the schema’s name', async () => {
    const read = (field: string) =>
      run(
        bundle(
          `export function analyze(input) { return input.collections.activities.num('${field}').length }`,
        ),
      )
    await expect(read('avgHeartRate')).rejects.toThrow(
      /field 'avgHeartRate' is not in the consented view of activities \(startedAt, durationSec\): add it to the fields of activities in 'reads' in manifest\.json \(at module\.js:1:\d+\)$/,
    )
    await expect(read('heartrate')).rejects.toThrow(
      /activities has no field 'heartrate' \(did you mean 'avgHeartRate'\?\)/,
    )
  })

  it('names an undeclared collection, with the closest existing one', async () => {
    await expect(
      run(bundle(`export function analyze(input) { return input.collections.purchase.count() }`)),
    ).rejects.toThrow(
      /collection 'purchase' is not in this bundle's reads \(it reads activities\): add \{ "collection": "purchase", "fields": \[\.\.\.\] \} to 'reads' in manifest\.json; there is no collection 'purchase' \(did you mean 'purchases'\?\)/,
    )
  })

  it('refuses a run without consent', async () => {
    const b = bundle(countRows)
    await expect(
      runBundle({ source, sandbox, consent: undefined }, b, { now }),
    ).rejects.toMatchObject({
      code: 'SEALPOST_NO_CONSENT',
    })
  })

  it('refuses a run whose consent was given to another version', async () => {
    const b = bundle(countRows)
    const consent = { ...giveConsent(b, now), bundleDigest: 'digest-0' }
    await expect(run(b, consent)).rejects.toMatchObject({ code: 'SEALPOST_NO_CONSENT' })
  })

  it('refuses a run whose consent covers a narrower scope', async () => {
    const narrow = bundle(countRows, {
      reads: [{ collection: 'activities', fields: ['startedAt'], window: 'P30D' }],
    })
    const wide = bundle(countRows)
    await expect(run(wide, giveConsent(narrow, now))).rejects.toMatchObject({
      code: 'SEALPOST_NO_CONSENT',
      message: expect.stringMatching(/does not cover what the bundle reads/),
    })
  })

  it('refuses a withdrawn or expired consent', async () => {
    const b = bundle(countRows)
    await expect(run(b, { ...giveConsent(b, now), status: 'withdrawn' })).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_REVOKED',
    })
    await expect(run(b, giveConsent(b, now - 2 * DAY, { expiresAt: now }))).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_EXPIRED',
    })
  })

  it('refuses an output that breaks its schema, naming the path', async () => {
    const err = await run(
      bundle(`export function analyze() { return { n: 5000 } }`, { id: 'com.example.big' }),
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'SEALPOST_OUTPUT_INVALID' })
    expect((err as Error).message).toMatch(/\/n must be <= 1000/)
    const extra = await run(
      bundle(`export function analyze() { return { n: 1, leak: 'secret' } }`, {
        id: 'com.example.extra',
      }),
    ).catch((e: unknown) => e)
    expect(extra).toMatchObject({ code: 'SEALPOST_OUTPUT_INVALID' })
  })

  it('refuses prototype-pollution keys before validation', async () => {
    const b = bundle(
      `export function analyze() { return JSON.parse('{"n":1,"__proto__":{"x":1}}') }`,
      {
        id: 'com.example.proto',
        output: { type: 'object' },
      },
    )
    await expect(run(b)).rejects.toMatchObject({ code: 'SEALPOST_OUTPUT_FORBIDDEN_KEY' })
  })

  it('applies the manifest’s tighter limits, never looser ones', async () => {
    const tight = bundle(`export function analyze() { return { n: 1, pad: 'x'.repeat(200) } }`, {
      id: 'com.example.tight',
      output: { type: 'object' },
      limits: { outputBytes: 100 },
    })
    await expect(run(tight)).rejects.toMatchObject({ code: 'SEALPOST_OUTPUT_TOO_LARGE' })
    const greedy = bundle(`export function analyze() { return { n: 1, pad: 'x'.repeat(30000) } }`, {
      id: 'com.example.greedy',
      output: { type: 'object' },
      limits: { outputBytes: 10_000_000 },
    })
    await expect(run(greedy)).rejects.toMatchObject({ code: 'SEALPOST_OUTPUT_TOO_LARGE' })
  })

  it('passes a guest failure through with its own code', async () => {
    const b = bundle(`export function analyze() { throw new Error('boom') }`, {
      id: 'com.example.boom',
    })
    await expect(run(b)).rejects.toMatchObject({
      code: 'SEALPOST_GUEST_ERROR',
      message: expect.stringMatching(/Error: boom/),
    })
  })

  it('refuses a read of a collection that does not exist', () => {
    const b = bundle(countRows, { reads: [{ collection: 'diaries', fields: ['text'] }] })
    expect(() => viewRequests(b, now)).toThrow(
      expect.objectContaining({ code: 'SEALPOST_UNKNOWN_COLLECTION' }),
    )
  })
})

describe('what leaves', () => {
  it('is the validated value re-serialised canonically, never the guest’s own text', async () => {
    const b = bundle(`export function analyze() { return JSON.parse('{ "n" : 1.0e0 }') }`, {
      id: 'com.example.spelling',
    })
    const result = await runBundle({ source, sandbox, consent: giveConsent(b, now) }, b, { now })
    expect(result.outputJson).toBe('{"n":1}')
  })
})
