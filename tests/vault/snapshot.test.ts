/**
 * Readers and openers next to a writer in another handle (another process or tab): an open that
 * races a commit, and a read whose objects another writer collected, both end on one snapshot.
 */
import { describe, expect, it } from 'vitest'
import { memoryStorage, type Storage } from '../../runtime/storage/index.ts'
import { createVault, LIGHT_SCRYPT, openVault } from '../../runtime/vault/index.ts'
import { PW } from './_helpers.ts'

describe('one consistent snapshot', () => {
  it('opens while another handle commits between the manifest and counter reads', async () => {
    const inner = memoryStorage()
    const writer = await createVault(inner, PW, { scrypt: LIGHT_SCRYPT })
    await writer.putDoc('a', 1)
    let raced = false
    const racing: Storage = {
      ...inner,
      async read(name) {
        if (name === 'counter' && !raced) {
          raced = true
          await writer.putDoc('a', 2) // lands after the manifest was read
        }
        return inner.read(name)
      },
    }
    const reader = await openVault(racing, PW)
    expect(raced).toBe(true)
    expect(reader.generation).toBe(2)
    expect(await reader.getDoc('a')).toBe(2)
  })

  it('reads again on the newest manifest when another writer collected its objects', async () => {
    const inner = memoryStorage()
    const writer = await createVault(inner, PW, { scrypt: LIGHT_SCRYPT })
    await writer.putDoc('a', 1)
    const reader = await openVault(inner, PW)
    await writer.putDoc('a', 2) // its commit collects the object the reader's manifest names
    expect(await reader.getDoc('a')).toBe(2)
    expect(reader.generation).toBe(2)
  })
})
