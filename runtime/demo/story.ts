/**
 * The end-to-end story `sealpost demo` tells (and `npm start` runs): a generated person, two
 * partners who send their algorithm instead of asking for data, what each asked to read, what it
 * read, what left and what never did. Returns lines so the CLI prints them and tests read them.
 */

import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../dev/module_folder.ts'
import { outputBitBound } from '../manifest/index.ts'
import { MemorySource } from '../pipeline/memory_source.ts'
import { runBundle, type RunResult } from '../pipeline/run.ts'
import type { RunnableBundle } from '../pipeline/types.ts'
import { giveConsent } from '../policy/consent.ts'
import { generatePersona, type PersonaProfile } from '../persona/index.ts'

/** The reference modules the demo walks through, in order. */
export const DEMO_MODULES = ['shoe-size', 'favorite-sport'] as const

export interface DemoOptions {
  readonly seed?: number
  readonly scale?: number
  /** The demo's "today"; fixed by default so the story is reproducible. */
  readonly now?: number
}

export interface DemoReport {
  readonly lines: string[]
  readonly results: RunResult[]
}

const number = new Intl.NumberFormat('en-GB')
const day = (t: number): string => new Date(t).toISOString().slice(0, 10)

function describeWindow(window: string | undefined): string {
  if (!window) return 'all time'
  const m = /^P(\d+)([YMWD])$/.exec(window)
  if (!m) return window
  const unit = { Y: 'year', M: 'month', W: 'week', D: 'day' }[m[2] as 'Y' | 'M' | 'W' | 'D']
  return `the last ${m[1] === '1' ? unit : `${m[1]} ${unit}s`}`
}

function describeBits(bits: number): string {
  if (!Number.isFinite(bits)) return 'unbounded'
  return `${bits.toFixed(1)} bits`
}

/** What the generator built into the person, for the module `name`: the answer to expect. */
function groundTruth(name: string, profile: PersonaProfile): string | undefined {
  if (name === 'shoe-size')
    return `EU ${profile.shoeSize.eu} feet (${profile.shoeSize.labels.us}, ${profile.shoeSize.labels.uk})`
  if (name === 'favorite-sport') return `${profile.favoriteSport} as their sport`
  return undefined
}

/** Runs the demo and returns its report. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const now = options.now ?? Date.UTC(2026, 10, 1, 9, 0, 0)
  await using sandbox = createSandbox()
  // The sandbox Worker starts while the persona is generated.
  const ready = sandbox.warmUp()
  const persona = generatePersona({ seed: options.seed ?? 42, scale: options.scale ?? 1, now })
  const collections = persona.collections as Record<string, Record<string, unknown>[]>
  const lines: string[] = []
  const say = (line = ''): void => {
    lines.push(line)
  }
  const total = Object.values(collections).reduce((s, c) => s + c.length, 0)
  say(
    'sealpost demo: partners send their algorithm to your data; only a small, consented answer leaves.',
  )
  say()
  const who = persona.profile.givenName
  say(`Meet ${persona.profile.name} from ${persona.profile.city.name}, a generated person.`)
  const counts = Object.entries(collections)
    .filter(([, c]) => c.length > 0)
    .map(([name, c]) => `${number.format(c.length)} ${name}`)
  say(`Their vault holds ${number.format(total)} records: ${counts.join(', ')}.`)
  say('None of it is sent anywhere in what follows.')

  const modulesRoot = fileURLToPath(new URL('../../algorithms/', import.meta.url))
  const source = new MemorySource(collections)
  await ready
  const results: RunResult[] = []
  let step = 0
  for (const name of DEMO_MODULES) {
    step++
    const bundle: RunnableBundle = await loadModuleFolder(modulesRoot + name)
    const m = bundle.manifest
    const bound = outputBitBound(m.output)
    say()
    say(`${step}. ${m.partner.name}: "${m.purpose}"`)
    if (m.offer) say(`   In exchange: ${m.offer}.`)
    for (const r of m.reads) {
      say(`   Asks to read: ${r.collection} (${r.fields.join(', ')}), ${describeWindow(r.window)}.`)
    }
    for (const f of bound.fields) {
      say(
        `   May send back: ${f.path.replace(/^\//, '') || 'the answer'}, at most ${describeBits(f.bits)}.`,
      )
    }
    say(`   ${who} reads this and consents, once.`)
    const consent = giveConsent(bundle, now)
    const result = await runBundle({ source, sandbox, consent }, bundle, { now })
    results.push(result)
    for (const r of result.read) {
      const all = collections[r.collection]?.length ?? 0
      const fields = Object.keys(collections[r.collection]?.[0] ?? {}).length
      say(
        `   Ran sealed in the sandbox: saw ${number.format(r.rows)} of ${number.format(all)} ${r.collection}` +
          ` since ${day(r.from)}, ${r.fields.length} of ${fields} fields` +
          ` (view ${result.stats.viewMs.toFixed(1)} ms, sandbox ${result.stats.runMs.toFixed(1)} ms).`,
      )
    }
    say(`   Left the device: ${result.outputJson}  (${describeBits(bound.bits)} at most)`)
    const truth = groundTruth(name, persona.profile)
    if (truth) say(`   (The generator gave ${who} ${truth}.)`)
    const kept = result.read.reduce((s, r) => s + r.rows, 0)
    say(`   Never left: the ${number.format(kept)} records it was computed from.`)
  }
  say()
  const bytes = results.map((r) => r.outputJson.length).reduce((a, b) => a + b, 0)
  say(
    `${results.length} answers left, ${bytes} bytes in all; ${number.format(total)} records stayed home.`,
  )
  return { lines, results }
}
