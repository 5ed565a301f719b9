/**
 * Hostile class: a trigger module that encodes bits in WHICH pushes it answers (null = nothing to
 * report). Answering or not is itself a bit: every trigger run is charged 1 + the output's bound,
 * a null answer gets back only the output's share, and the contract and the audit say so.
 */
import { describe, expect, it } from 'vitest'
import { ConsentBook, MemoryDocStore, SharingPolicy } from '../../runtime/consent/index.ts'
import { buildContract, renderContract } from '../../runtime/consent/contract.ts'
import { auditReport, formatAudit } from '../../runtime/bundle/audit.ts'
import { outputBitBound, parseManifest } from '../../runtime/manifest/index.ts'
import { manifest } from '../bundle/_helpers.ts'

const T0 = Date.UTC(2026, 2, 10, 9)
const trigger = parseManifest(
  manifest({
    schedule: { kind: 'trigger', on: 'activities' },
    output: { type: 'boolean' },
  }),
)
const subject = { manifest: trigger, digest: 'trigger-digest' }

function setup() {
  const store = new MemoryDocStore()
  const book = new ConsentBook(store)
  return { book, policy: new SharingPolicy({ store, book }) }
}

describe('the answer bit of a trigger run', () => {
  it('charges 1 + the output’s bound on every trigger run', async () => {
    const { book, policy } = setup()
    await book.give(subject, T0)
    const permit = await policy.authorize(subject, T0)
    expect(outputBitBound(trigger.output).bits).toBe(1)
    expect(permit.chargedBits).toBe(2)
    expect(permit.answerBits).toBe(1)
    expect((await policy.spending('stridewear', T0)).spentBits).toBe(2)
  })

  it('keeps the answer bit charged when the run answers null', async () => {
    const { book, policy } = setup()
    await book.give(subject, T0)
    const permit = await policy.authorize(subject, T0)
    expect(await policy.refund(permit)).toBe(1)
    expect((await policy.spending('stridewear', T0)).spentBits).toBe(1)
  })

  it('lets at most budget / 1 silent runs happen a day: silence is not free', async () => {
    const { book, policy } = setup()
    await book.give(subject, T0, { bitBudgetPerDay: 5 })
    let silent = 0
    for (let i = 0; i < 20; i++) {
      try {
        await policy.refund(await policy.authorize(subject, T0))
        silent++
      } catch (e) {
        expect(e).toMatchObject({ code: 'SEALPOST_BUDGET_SPENT' })
        break
      }
    }
    // Each run needs 2 bits up front and keeps 1: runs stop once fewer than 2 are left.
    expect(silent).toBe(4)
  })

  it('is stated in the contract, in English and in French', () => {
    const contract = buildContract(subject)
    expect(contract.answerBit).toBe(1)
    expect(renderContract(contract, 'en')).toMatch(
      /Whether it answers at all is 1 more bit, counted on every run: at most 2 bits per run\./,
    )
    expect(renderContract(contract, 'fr')).toMatch(/répondre ou non compte pour 1 bit de plus/)
    const once = buildContract({ manifest: parseManifest(manifest()), digest: 'd' })
    expect(once.answerBit).toBeUndefined()
  })

  it('is stated in the audit', () => {
    const r = auditReport({ manifest: trigger })
    expect(r.output.bitsPerRun).toBe(2)
    expect(r.output.answerBits).toBe(1)
    expect(formatAudit(r).join('\n')).toMatch(/including 1 bit for answered or not/)
    expect(auditReport({ manifest: parseManifest(manifest()) }).output.answerBits).toBe(0)
  })
})
