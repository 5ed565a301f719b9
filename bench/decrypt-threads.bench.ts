/**
 * Does decrypting a view's objects on worker threads pay on this machine? The objects of a
 * 1M-row, 5-column view (310 sealed column objects, 43 MB; 100k rows in quick mode) are opened,
 * interleaved round by round:
 *
 * - `main thread` (reference): one after the other, as a view does;
 * - `main + 1 worker`, `main + 2 workers`: chunks of 5 objects dealt round-robin to the main
 *   thread and the workers (each object copied and moved to its worker, as a store read gives a
 *   fresh copy; plaintexts moved back).
 *
 * Not part of bench:check: it measures the machine (free cores) as much as the code.
 */

import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { openObject, sealObject, vaultAead } from '../runtime/vault/_seal.ts'
import type { BenchFile } from './_report.ts'
import { interleave, variantsFrom } from './_timing.ts'
import { sizeLabel } from './_pings.ts'

const CHUNK_OBJECTS = 5

function startWorker(key: Uint8Array): Worker {
  const entry = new URL('../bin/run-ts.js', import.meta.url)
  const worker = new Worker(entry, {
    argv: [new URL('./_decrypt_worker.ts', import.meta.url).pathname],
  })
  worker.postMessage({ key })
  return worker
}

export const run: BenchFile = async ({ quick }) => {
  const rows = quick ? 100_000 : 1_000_000
  const chunks = Math.ceil(rows / 16_384)
  const aead = vaultAead()
  const key = new Uint8Array(32).fill(9)
  // Per chunk: id text (~15 B/row), time, two numbers (8 B/row), category codes (4 B/row).
  const sizes = [15, 8, 8, 8, 4].map((b) => b * 16_384)
  const ads: Uint8Array[] = []
  const sealed: Uint8Array[] = []
  for (let c = 0; c < chunks; c++) {
    for (const [f, size] of sizes.entries()) {
      const ad = new TextEncoder().encode(`chunk ${c} field ${f}`)
      ads.push(ad)
      sealed.push(sealObject(aead, key, new Uint8Array(size).fill(c + f), ad))
    }
  }
  const workers = [startWorker(key), startWorker(key)]
  const waiting = new Map<number, () => void>()
  let nextId = 0
  for (const w of workers) {
    w.on('message', (m: { id: number; out: Uint8Array[] }) => {
      if (m.out.length !== CHUNK_OBJECTS && m.out.length !== sealed.length % CHUNK_OBJECTS) {
        throw new Error('a worker lost objects')
      }
      waiting.get(m.id)!()
      waiting.delete(m.id)
    })
  }
  const onWorker = (w: Worker, from: number): Promise<void> => {
    const copies = sealed.slice(from, from + CHUNK_OBJECTS).map((s) => s.slice())
    const id = nextId++
    return new Promise<void>((resolve) => {
      waiting.set(id, resolve)
      w.postMessage(
        { id, sealed: copies, ads: ads.slice(from, from + CHUNK_OBJECTS) },
        copies.map((c) => c.buffer as ArrayBuffer),
      )
    })
  }
  const split = (k: number) => async (): Promise<void> => {
    const jobs: Promise<void>[] = []
    for (let from = 0, n = 0; from < sealed.length; from += CHUNK_OBJECTS, n++) {
      const slot = n % (k + 1)
      if (slot < k) jobs.push(onWorker(workers[slot]!, from))
      else {
        for (let i = from; i < Math.min(from + CHUNK_OBJECTS, sealed.length); i++) {
          openObject(aead, key, sealed[i]!.slice(), ads[i]!)
        }
      }
    }
    await Promise.all(jobs)
  }
  try {
    await split(2)() // the workers are up and warm
    const measured = await interleave(
      {
        'main thread': () => {
          for (let i = 0; i < sealed.length; i++) openObject(aead, key, sealed[i]!.slice(), ads[i]!)
        },
        'main + 1 worker': split(1),
        'main + 2 workers': split(2),
      },
      { quick },
    )
    const mb = sealed.reduce((s, b) => s + b.length, 0) / 1e6
    return [
      {
        suite: `decrypt-threads/${sizeLabel(rows)}`,
        reference: 'main thread',
        variants: variantsFrom(measured, 'main thread'),
        notes: [
          `${sealed.length} objects, ${mb.toFixed(1)} MB; ${availableParallelism()} cores available`,
        ],
      },
    ]
  } finally {
    for (const w of workers) await w.terminate()
  }
}
