/**
 * A real vault (in memory, light scrypt) for the importer tests: an import goes in through
 * `vault.ingestAll`, as `sealpost vault import` and the web app do, so a failed import can be
 * checked to leave the vault exactly as it was.
 */
import { expect } from 'vitest'
import { importFile } from '../../runtime/importers/index.ts'
import type { ImportFileOptions, ImportSource } from '../../runtime/importers/index.ts'
import { memoryStorage } from '../../runtime/storage/index.ts'
import { createVault, LIGHT_SCRYPT } from '../../runtime/vault/index.ts'
import type { Vault } from '../../runtime/vault/index.ts'

/** A new empty vault over memory storage. */
export function emptyVault(): Promise<Vault> {
  return createVault(memoryStorage(), 'importers test passphrase', {
    scrypt: LIGHT_SCRYPT,
  })
}

/** Rows per collection and the generation, to compare a vault before and after an import. */
export async function vaultState(
  vault: Vault,
): Promise<{ generation: number; rows: Record<string, number> }> {
  const stats = await vault.stats()
  const rows: Record<string, number> = {}
  for (const [name, c] of Object.entries(stats.collections)) rows[name] = c.rows
  return { generation: stats.generation, rows }
}

/**
 * Imports `source` into `vault` and expects it to fail; returns the error after checking that the
 * vault holds exactly what it held before (same generation, same rows).
 */
export async function refusedIntoVault(
  vault: Vault,
  source: ImportSource,
  options: ImportFileOptions = {},
): Promise<unknown> {
  const before = await vaultState(vault)
  let error: unknown
  try {
    await vault.ingestAll(importFile(source, options))
  } catch (e) {
    error = e
  }
  expect(error, 'the import should have failed').toBeDefined()
  expect(await vaultState(vault)).toEqual(before)
  return error
}
