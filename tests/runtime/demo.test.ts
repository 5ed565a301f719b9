import { describe, expect, it } from 'vitest'
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
      expect(text).toContain(`sealed to StrideWear: {"euSize":${profile.shoeSize.eu}}`)
      // The bill, the revocation and the verified log close the story.
      expect(text).toContain('stridewear: 2 transfer(s), $0.20')
      expect(text).toMatch(/The next run is refused: you withdrew consent/)
      expect(text).toMatch(/The audit log \(\d+ entries\) verifies\./)
      // Only the consented fields were read.
      expect(report.results.map((r) => r.read.map((x) => x.fields.join(',')))).toEqual([
        ['orderedAt,category,size'],
        ['startedAt,sport,durationSec'],
      ])
    })
  }

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
