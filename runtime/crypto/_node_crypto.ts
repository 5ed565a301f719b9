/**
 * The one place the crypto layer reaches for `node:crypto`. There is no static import: on Node
 * (>= 20.16) `process.getBuiltinModule` hands the module over synchronously, and in browsers there is
 * no `process`, so the core stays platform-neutral and bundlers see nothing to resolve.
 */

import type * as NodeCrypto from 'node:crypto'

export type NodeCryptoModule = typeof NodeCrypto

let cached: NodeCryptoModule | null | undefined

/** `node:crypto` where the platform has it, else undefined (browsers, workers without Node). */
export function nodeCrypto(): NodeCryptoModule | undefined {
  if (cached === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process
    const mod =
      typeof proc?.getBuiltinModule === 'function'
        ? proc.getBuiltinModule('node:crypto')
        : undefined
    cached = (mod as NodeCryptoModule | undefined) ?? null
  }
  return cached ?? undefined
}
