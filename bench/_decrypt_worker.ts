/**
 * Worker side of `decrypt-threads.bench.ts`: opens the sealed objects it is sent with the vault's
 * AEAD and moves the plaintexts back. Dev-only (started through bin/run-ts.js).
 */

import { parentPort } from 'node:worker_threads'
import { openObject, vaultAead } from '../runtime/vault/_seal.ts'

const aead = vaultAead()
let key: Uint8Array | undefined

interface Job {
  readonly id: number
  readonly sealed: readonly Uint8Array[]
  readonly ads: readonly Uint8Array[]
}

parentPort!.on('message', (m: { key: Uint8Array } | Job) => {
  if ('key' in m) {
    key = m.key
    return
  }
  const out = m.sealed.map((bytes, i) => openObject(aead, key!, bytes, m.ads[i]!))
  parentPort!.postMessage(
    { id: m.id, out },
    out.map((o) => o.buffer as ArrayBuffer),
  )
})
