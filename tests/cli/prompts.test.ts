/**
 * Asking the person on a terminal: consent shows the contract and takes y/N; `run --preview` shows
 * the exact answer and sends only on a yes. The terminal is stood in for by mocking `_confirm.ts`.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'

const person = vi.hoisted(() => ({ answers: [] as boolean[], questions: [] as string[] }))

vi.mock('../../runtime/cli/commands/demo.ts', () => ({
  demoCommand: { name: ['demo'], usage: 'demo', summary: 'demo', run: async () => 0 },
}))
vi.mock('../../runtime/cli/commands/_confirm.ts', () => ({
  isInteractive: () => true,
  askYesNo: async (question: string) => {
    person.questions.push(question)
    const answer = person.answers.shift()
    if (answer === undefined) throw new Error(`unexpected question: ${question}`)
    return answer
  },
}))
const { cli, cliJson, makeWorld, SHOE } = await import('./_world.ts')
type World = Awaited<ReturnType<typeof makeWorld>>

let w: World

beforeAll(async () => {
  w = await makeWorld()
  for (const step of [
    ['trust', w.vault, w.pub],
    ['install', w.vault, w.shoe],
  ]) {
    expect((await cli(step)).code).toBe(0)
  }
}, 120_000)

describe('sealpost on a terminal', { timeout: 60_000 }, () => {
  it('shows the contract before asking, and records a "no" as a refusal', async () => {
    person.answers.push(false)
    const r = await cli(['consent', w.vault, SHOE, '--lang', 'fr'])
    expect(person.questions).toEqual(['Consentez-vous à ce contrat ?'])
    expect(r.out).toMatch(/Pourquoi, selon StrideWear/)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^sealpost: you declined: .+ \[SEALPOST_DECLINED\]$/)
    const contract = await cliJson<{ consent: { status: string } }>([
      'contract',
      w.vault,
      SHOE,
      '--json',
    ])
    expect(contract.consent.status).toBe('refused')
    expect((await cli(['contract', w.vault, SHOE])).out).toMatch(
      /\nYour consent: refused on 2026-01-02; to give it: sealpost consent /,
    )
    const run = await cli(['run', w.vault, SHOE])
    expect(run.err).toMatch(/you refused consent .*\[SEALPOST_NO_CONSENT\]$/)
  })

  it('gives consent on a yes', async () => {
    person.answers.push(true)
    const r = await cli(['consent', w.vault, SHOE])
    expect(r.code).toBe(0)
    expect(person.questions.at(-1)).toBe('Do you consent?')
    expect(r.out).toMatch(/^StrideWear \(stridewear\) asks to run/)
    expect(r.out).toContain(`consent given: ${SHOE} 1.0.0 (stridewear), once`)
  })

  it('previews the exact answer and sends nothing when the person declines', async () => {
    person.answers.push(false)
    const r = await cli(['run', w.vault, SHOE, '--preview'])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(new RegExp(`^${SHOE.replace(/\./g, '\\.')} would send: \\{"euSize":`))
    expect(r.err).toMatch(/nothing from .+ was sent \[SEALPOST_DECLINED\]$/)
    expect(await cliJson(['outbox', w.vault, '--all', '--json'])).toEqual({ envelopes: [] })
  })

  it('sends exactly the previewed answer on a yes', async () => {
    person.answers.push(true)
    const r = await cli(['run', w.vault, SHOE, '--preview'])
    expect(r.code).toBe(0)
    const shown = /would send: (\{.*\})/.exec(r.out)![1]!
    const outbox = await cliJson<{ envelopes: { output: unknown; status: string }[] }>([
      'outbox',
      w.vault,
      '--json',
    ])
    expect(outbox.envelopes).toHaveLength(1)
    expect(outbox.envelopes[0]!.output).toEqual(JSON.parse(shown))
    expect(person.answers).toEqual([])
  })
})
