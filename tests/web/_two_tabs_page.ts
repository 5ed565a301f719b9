/**
 * The page of the two-tab test (bundled by esbuild for Chromium): one vault in IndexedDB, written by
 * every tab that loads this page. Exposes `window.sealpostTabs`.
 */
import { createVault, openVault } from '../../runtime/vault/open.ts'
import { LIGHT_SCRYPT } from '../../runtime/vault/_kdf.ts'
import { openIndexedDbStorage } from '../../runtime/storage/indexeddb.ts'

const DB = 'sealpost-two-tabs'
const PASS = 'correct horse battery staple'

async function open() {
  return openVault(await openIndexedDbStorage(DB), PASS, { ownsStorage: true })
}

const api = {
  hasWebLocks: (): boolean => typeof navigator.locks?.request === 'function',
  async create(): Promise<string> {
    const vault = await createVault(await openIndexedDbStorage(DB), PASS, {
      scrypt: LIGHT_SCRYPT,
      ownsStorage: true,
    })
    const id = vault.id
    vault.close()
    return id
  },
  /** `n` rounds: a document of this tab's own, and a read-modify-write of a shared counter. */
  async work(tab: string, n: number): Promise<number> {
    const vault = await open()
    try {
      for (let i = 0; i < n; i++) {
        await vault.putDoc(`tab-${tab}-${i}`, { tab, i })
        await vault.transaction(async (tx) => {
          const counter = ((await tx.getDoc('counter')) as number | undefined) ?? 0
          // Yield to the event loop so the other tab's writes really interleave.
          await new Promise((r) => setTimeout(r, Math.random() * 4))
          tx.putDoc('counter', counter + 1)
        })
      }
      return vault.generation
    } finally {
      vault.close()
    }
  },
  /** What a fresh handle reads: every document and the counter. */
  async check(): Promise<{ docs: string[]; counter: unknown; readable: number }> {
    const vault = await open()
    try {
      const docs = vault.docNames()
      let readable = 0
      for (const name of docs) if ((await vault.getDoc(name)) !== undefined) readable++
      return { docs, counter: await vault.getDoc('counter'), readable }
    } finally {
      vault.close()
    }
  },
}

;(globalThis as { sealpostTabs?: typeof api }).sealpostTabs = api
