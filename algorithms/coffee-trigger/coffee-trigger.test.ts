import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import { outputBitBound } from '../../runtime/manifest/index.ts'
import { CHAT_LINES } from '../../runtime/persona/_chat_lines.ts'
import { loadFixtures } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import * as coffeeTrigger from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const shops = JSON.parse(readFileSync(new URL('shops.json', import.meta.url), 'utf8')) as {
  id: string
}[]
const { classifyCoffee: classify, compileLexicon, invitedIn: invited, namesCoffee } = coffeeTrigger
const lexicon = compileLexicon(
  JSON.parse(readFileSync(new URL('lexicon.json', import.meta.url), 'utf8')),
)
const classifyCoffee = (text: string): string => classify(lexicon, text)
const invitedIn = (texts: string[]): boolean => invited(lexicon, texts)
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

/** The fixture's trigger, which the shared fixture loader does not read. */
function triggerOf(name: string): { collection: string; firstRow: number } | undefined {
  const raw = JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'))
  return (raw as { trigger?: { collection: string; firstRow: number } }).trigger
}

const CASES: readonly (readonly [string, string])[] = [
  // invitations, one or more per language
  ['want to grab a coffee?', 'invite'],
  ["Let's get coffee after the standup", 'invite'],
  ['Coffee this afternoon?', 'invite'],
  ['on va prendre un café ?', 'invite'],
  ['allons prendre un café', 'invite'],
  ['Café après le boulot ?', 'invite'],
  ['Lust auf einen Kaffee?', 'invite'],
  ['Wie wäre es mit einem Kaffee?', 'invite'],
  ['¿vamos a tomar un café?', 'invite'],
  ['¿Qué tal un café?', 'invite'],
  ['zullen we koffie drinken?', 'invite'],
  ['Andiamo a prendere un caffè?', 'invite'],
  ['Ti va un caffè?', 'invite'],
  ['vamos tomar um café?', 'invite'],
  ['Why not a coffee?', 'invite'],
  ['Pourquoi pas un café ?', 'invite'],
  ['No worries, coffee at 3?', 'invite'],
  // refusals
  ['no coffee for me today', 'decline'],
  ["pas de café pour moi aujourd'hui", 'decline'],
  ['Je ne veux pas de café', 'decline'],
  ['heute keinen Kaffee für mich', 'decline'],
  ['hoy no tomo café', 'decline'],
  ['geen koffie voor mij vandaag', 'decline'],
  ['niente caffè per me oggi', 'decline'],
  ["I don't want to go for coffee", 'decline'],
  ['Coffee? No thanks', 'decline'],
  // reports of a coffee already had
  ['I had coffee', 'report'],
  ['I already had a coffee with Tom', 'report'],
  ["j'ai pris un café", 'report'],
  ['On a bu un café hier', 'report'],
  ['Ich hatte schon einen Kaffee', 'report'],
  ['Ya tomé café, gracias', 'report'],
  ['Ik heb al koffie gedronken', 'report'],
  ['ho preso un caffè con Marco', 'report'],
  ['Did you like the coffee?', 'report'],
  // coffee named without arranging one
  ['Yes, coffee sounds great', 'mention'],
  ['Is coffee bad for you?', 'mention'],
  ['Where is the coffee?', 'mention'],
  ['Oui, avec plaisir pour le café', 'mention'],
  // no coffee at all: caffeine, a café-like word, nothing
  ['I am off caffeine this week', 'none'],
  ["J'arrête la caféine cette semaine", 'none'],
  ['Diese Woche ohne Koffein', 'none'],
  ['Are we still on for Saturday?', 'none'],
]

describe('coffee-trigger', () => {
  it('tells invitations from refusals, reports and mentions in seven languages', () => {
    const got = CASES.map(([text]) => [text, classifyCoffee(text)])
    expect(got).toEqual(CASES.map(([text, want]) => [text, want]))
  })

  it('recognises every invitation the persona generator writes, and no other line', () => {
    for (const [lang, lines] of Object.entries(CHAT_LINES)) {
      for (const line of lines.coffeeInvite)
        expect([lang, line, classifyCoffee(line)]).toEqual([lang, line, 'invite'])
      for (const line of [...lines.coffeeNo, ...lines.opener, ...lines.reply, ...lines.sport]) {
        expect([lang, line, classifyCoffee(line)]).not.toEqual([lang, line, 'invite'])
      }
      for (const line of lines.coffeeYes) {
        expect(['invite', 'mention', 'none']).toContain(classifyCoffee(line))
      }
    }
  })

  it('stops at the cheap coffee-word test for messages that never name coffee', () => {
    const coffee = lexicon.coffee as RegExp
    expect(namesCoffee(coffee, 'Un CAFÉ ?')).toBe(true)
    expect(namesCoffee(coffee, 'Kaffeepause um 3?')).toBe(true)
    expect(namesCoffee(coffee, 'I am off caffeine')).toBe(false)
    expect(namesCoffee(coffee, 'Koffein, nein danke')).toBe(false)
    // Whatever namesCoffee refuses, the full classifier calls 'none' too.
    for (const [text] of CASES) {
      if (!namesCoffee(coffee, text)) expect(classifyCoffee(text)).toBe('none')
    }
  })

  it('lets the last invitation or refusal of a batch decide', () => {
    expect(invitedIn(['Coffee?', 'no coffee for me today'])).toBe(false)
    expect(invitedIn(['no coffee for me today', 'ok then, coffee tomorrow?'])).toBe(true)
    expect(invitedIn(['Coffee?', 'Sounds good'])).toBe(true)
    expect(invitedIn([])).toBe(false)
  })

  it('can say one flag and one of the shops or null: about 5.8 bits', async () => {
    const bundle = await loadModuleFolder(dir)
    const schema = bundle.manifest.output as { properties: { shopId: { enum: unknown[] } } }
    expect(schema.properties.shopId.enum).toEqual([...shops.map((s) => s.id), null])
    expect(outputBitBound(bundle.manifest.output).bits).toBeCloseTo(
      1 + Math.log2(shops.length + 1),
      9,
    )
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const bundle = await loadModuleFolder(dir)
      const trigger = triggerOf(fixture.name)
      const result = await runBundle(
        {
          source: new MemorySource(fixture.collections),
          sandbox,
          consent: giveConsent(bundle, fixture.now),
        },
        bundle,
        trigger ? { now: fixture.now, trigger } : { now: fixture.now },
      )
      expect(result.output).toEqual(fixture.expected)
      // One textMatch kernel looks for a coffee word in the new messages; the location is looked
      // at (one nearest kernel) only after an invitation.
      const triggered = (fixture.expected as { triggered: boolean } | null)?.triggered ?? false
      expect(result.stats.kernelCalls).toBe(triggered ? 2 : 1)
    })
  }
})
