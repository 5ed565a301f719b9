/**
 * The run pipeline reading its consented views from the encrypted vault gives exactly the answers
 * it gives over plain records, and the vault decrypts only the consented columns.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { createVault, LIGHT_SCRYPT } from '../../runtime/vault/index.ts'
import { memoryStorage } from '../../runtime/storage/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import { loadFixtures } from '../_helpers/fixtures.ts'

const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

function complete(collection: string, r: Record<string, unknown>): Record<string, unknown> {
  // Fixture records carry only what the modules read; the vault validates whole records.
  if (collection === 'purchases') return { merchant: 'Shop', amount: 1, currency: 'EUR', ...r }
  return r
}

describe('the pipeline over the encrypted vault', () => {
  for (const module of ['shoe-size', 'favorite-sport']) {
    const dir = fileURLToPath(new URL(`../../algorithms/${module}/`, import.meta.url))
    for (const fixture of loadFixtures(dir)) {
      it(`${module}/${fixture.name}: same answer as over plain records`, async () => {
        const bundle = await loadModuleFolder(dir)
        const vault = await createVault(memoryStorage(), 'correct horse', { scrypt: LIGHT_SCRYPT })
        try {
          for (const [name, records] of Object.entries(fixture.collections)) {
            await vault.ingest(
              name,
              records.map((r) => complete(name, r)),
            )
          }
          const consent = giveConsent(bundle, fixture.now)
          const fromVault = await runBundle({ source: vault, sandbox, consent }, bundle, {
            now: fixture.now,
          })
          const fromMemory = await runBundle(
            { source: new MemorySource(fixture.collections), sandbox, consent },
            bundle,
            { now: fixture.now },
          )
          expect(fromVault.output).toEqual(fixture.expected)
          expect(fromVault.outputJson).toBe(fromMemory.outputJson)
          expect(fromVault.read).toEqual(fromMemory.read)
        } finally {
          vault.close()
        }
      })
    }
  }
})
