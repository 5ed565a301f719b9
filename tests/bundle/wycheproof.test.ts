import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { verifyEd25519 } from '../../runtime/bundle/_ed25519.ts'
import { fromHex } from '../../runtime/crypto/bytes.ts'

interface Vector {
  tcId: number
  comment: string
  flags: string[]
  msg: string
  sig: string
  result: 'valid' | 'invalid'
}
interface Group {
  publicKey: { pk: string }
  tests: Vector[]
}

const suite = JSON.parse(
  readFileSync(new URL('../fixtures/crypto/wycheproof_ed25519_test.json', import.meta.url), 'utf8'),
) as { numberOfTests: number; testGroups: Group[] }

describe('bundle signature verification against Wycheproof Ed25519', () => {
  const all = suite.testGroups.flatMap((g) => g.tests.map((t) => ({ pk: g.publicKey.pk, t })))

  it('covers every vector in the file', () => {
    expect(all).toHaveLength(suite.numberOfTests)
    expect(all.length).toBe(151)
  })

  it('accepts exactly the valid vectors and refuses the rest (strict, not ZIP-215)', () => {
    const wrong: string[] = []
    for (const { pk, t } of all) {
      const ok = verifyEd25519(fromHex(t.sig), fromHex(t.msg), fromHex(pk))
      if (ok !== (t.result === 'valid'))
        wrong.push(`tcId ${t.tcId} ${t.flags.join(',')} ${t.comment}`)
    }
    expect(wrong).toEqual([])
  })

  it('refuses the malleable and non-canonical signatures by name', () => {
    const flagged = all.filter(({ t }) =>
      t.flags.some((f) =>
        ['SignatureMalleability', 'InvalidEncoding', 'TruncatedSignature'].includes(f),
      ),
    )
    expect(flagged.length).toBeGreaterThan(20)
    for (const { pk, t } of flagged)
      expect(verifyEd25519(fromHex(t.sig), fromHex(t.msg), fromHex(pk))).toBe(false)
  })
})
