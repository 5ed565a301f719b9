import { describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { runDemo } from '../../runtime/demo/story.ts'
import { generatePersona } from '../../runtime/persona/index.ts'
import { main } from '../../runtime/cli/main.ts'

const now = Date.UTC(2026, 10, 1, 9, 0, 0)

describe('sealpost demo', () => {
  for (const seed of [42, 2, 3]) {
    it(`recovers what the generator built into person ${seed}, and nothing else leaves`, async () => {
      const { profile } = generatePersona({ seed, now, scale: 0.5 })
      const report = await runDemo({
        seed,
        scale: 0.5,
        now,
        modules: ['shoe-size', 'favorite-sport'],
      })
      expect(report.results.map((r) => r.output)).toEqual([
        { euSize: profile.shoeSize.eu },
        { favoriteSport: profile.favoriteSport },
      ])
      const text = report.lines.join('\n')
      expect(text).toContain(`Meet ${profile.name} from ${profile.city.name}`)
      expect(text).toContain(
        `Sealed to StrideWear, waiting in the outbox: {"euSize":${profile.shoeSize.eu}}`,
      )
      // Through the relay: the partner opened exactly these answers, then the deletion request.
      const opened = report.opened.get('stridewear')!
      expect(opened.map((p) => p.kind)).toEqual(['output', 'output', 'deletion-request'])
      expect(opened.slice(0, 2).map((p) => p.output)).toEqual(
        expect.arrayContaining(report.results.map((r) => r.output)),
      )
      expect(new Set(opened.map((p) => p.pseudonym)).size).toBe(1)
      // The bill is the relay's signed statement, and the device's own bill agrees.
      const statement = report.statements.get('stridewear')!
      expect(statement.lines).toEqual([
        { pseudonym: opened[0]!.pseudonym, transfers: 2, cents: 20 },
      ])
      expect(report.deviceBills.get('stridewear')).toEqual(statement.lines)
      expect(text).toContain("stridewear: 2 transfer(s), $0.20 (the device's own bill agrees)")
      expect(text).toContain('2 sealed envelope(s) posted to the relay in all')
      expect(text).toContain('collected 2 operator-signed delivery receipt(s)')
      expect(text).toContain('The partner acknowledged 1 deletion request(s); never billed.')
      // The relay was on a loopback port; it is closed and its folder removed.
      expect(report.relayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(existsSync(report.relayFolder)).toBe(false)
      await expect(fetch(`${report.relayUrl}/healthz`)).rejects.toThrow()
      // The revocation and the verified log close the story.
      expect(text).toMatch(/The next run is refused: you withdrew consent/)
      expect(text).toMatch(/The audit log \(\d+ entries\) verifies\./)
      // Only the consented fields were read.
      expect(report.results.map((r) => r.read.map((x) => x.fields.join(',')))).toEqual([
        ['orderedAt,category,size'],
        ['startedAt,sport,durationSec'],
      ])
    })
  }

  it("carries the airline's push through the relay, which fires the trigger after sync", async () => {
    const report = await runDemo({ seed: 5, scale: 0.3, now, modules: ['flight-delay-care'] })
    const [outcome] = report.results
    expect(outcome!.output).toMatchObject({ atAirport: true, delayBand: '3-4h' })
    // Skyway opened the outbound trip's answer (how it learnt the pseudonym), then the delay's.
    const opened = report.opened.get('skyway')!
    expect(opened.map((p) => p.kind)).toEqual(['output', 'output', 'deletion-request'])
    expect(opened.slice(0, 2).map((p) => (p.output as { delayBand: string }).delayBand)).toEqual([
      'on-time',
      '3-4h',
    ])
    expect(opened[1]!.output).toEqual(outcome!.output)
    const text = report.lines.join('\n')
    expect(text).toContain('1 push(es) applied; the trigger fires.')
    expect(report.statements.get('skyway')!.transfers).toBe(2)
    expect(report.deviceBills.get('skyway')).toEqual(report.statements.get('skyway')!.lines)
  })

  it('is what the CLI prints, and refuses bad options with exit code 2', async () => {
    const out: string[] = []
    const err: string[] = []
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} }
    expect(await main(['demo', '--scale', '0.2'], io)).toBe(0)
    expect(out.join('\n')).toMatch(/answer\(s\) left .*records stayed home/)
    expect(await main(['demo', '--scale', 'lots'], io)).toBe(2)
    expect(err.join('\n')).toContain('--scale must be a positive number')
  })
})
