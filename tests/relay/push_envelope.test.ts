/**
 * Pushes sealed to a pseudonym (runtime/delivery/push_envelope.ts): only that pseudonym's key opens
 * them; any altered byte of the header or the ciphertext, or another pseudonym, is refused; the
 * size the relay sees is a bucket.
 */

import { describe, expect, it } from 'vitest'
import {
  derivePseudonymKey,
  openPush,
  sealPush,
  type SealedPush,
} from '../../runtime/delivery/index.ts'

const alice = derivePseudonymKey(new Uint8Array(32).fill(1), 'stridewear')
const bob = derivePseudonymKey(new Uint8Array(32).fill(2), 'stridewear')
const push = { partnerId: 'stridewear', collection: 'purchases', records: [{ id: 'o1', n: 42 }] }
const to = { id: '6f1c3c1e-7d1a-4a53-9a43-1c6f2b9a8e10', partnerId: 'stridewear' }

describe('sealed pushes', () => {
  it('opens with the pseudonym it was sealed to, and with nothing else', async () => {
    const sealed = await sealPush(push, { ...to, pseudonym: alice.pseudonym })
    expect(sealed).toMatchObject({ version: 'sealpost-push-v1', from: 'stridewear' })
    expect(JSON.stringify(sealed)).not.toContain('purchases')
    expect(await openPush(sealed, alice)).toEqual(push)
    await expect(openPush(sealed, bob)).rejects.toThrow(/not sealed to this pseudonym/)
    await expect(openPush({ ...sealed, to: bob.pseudonym }, bob)).rejects.toThrow(/does not open/)
  })

  it('refuses an altered header or ciphertext', async () => {
    const sealed = await sealPush(push, { ...to, pseudonym: alice.pseudonym })
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64')
      bytes[bytes.length >> 1]! ^= 1
      return bytes.toString('base64')
    }
    const altered: SealedPush[] = [
      { ...sealed, from: 'brewline' },
      { ...sealed, id: '6f1c3c1e-7d1a-4a53-9a43-1c6f2b9a8e11' },
      { ...sealed, ciphertext: flip(sealed.ciphertext) },
      { ...sealed, enc: flip(sealed.enc) },
    ]
    for (const a of altered) await expect(openPush(a, alice)).rejects.toThrow(/does not open/)
  })

  it('shows the relay only a size bucket', async () => {
    const small = await sealPush(push, { ...to, pseudonym: alice.pseudonym })
    const bigger = await sealPush(
      { ...push, records: [{ id: 'o1', n: 42, note: 'x'.repeat(200) }] },
      { ...to, pseudonym: alice.pseudonym },
    )
    expect(bigger.ciphertext.length).toBe(small.ciphertext.length)
  })
})
