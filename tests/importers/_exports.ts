/**
 * Test helpers for the personal-export importers: read a fixture through an importer, feed bytes in
 * random chunk sizes, and validate records against their collection schema once it exists.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { createAjv } from '../../runtime/_ajv.ts'
import { importFile, sourceFromBytes } from '../../runtime/importers/index.ts'
import type { ImportedRecord, Importer, ImportSource } from '../../runtime/importers/types.ts'

/** Bytes of a shared fixture file (`tests/fixtures/<rel>`). */
export function sharedFixture(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/${rel}`, import.meta.url)))
}

/** Bytes of one of our own small fixtures in `tests/importers/fixtures`. */
export function ownFixture(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${rel}`, import.meta.url)))
}

/** A source over `bytes`, cut into chunks of `chunkSize` bytes (all at once by default). */
export function bytesSource(
  name: string,
  bytes: Uint8Array,
  chunkSize = bytes.length,
): ImportSource {
  return {
    name,
    async *chunks() {
      const step = Math.max(1, chunkSize)
      for (let at = 0; at < bytes.length; at += step) yield bytes.subarray(at, at + step)
    },
  }
}

/** A source over UTF-8 text. */
export function textSource(name: string, text: string, chunkSize?: number): ImportSource {
  const bytes = new TextEncoder().encode(text)
  return bytesSource(name, bytes, chunkSize)
}

/** Every record `importer` yields for `source`. */
export async function readAllRecords(
  importer: Importer,
  source: ImportSource,
  options?: Readonly<Record<string, unknown>>,
): Promise<ImportedRecord[]> {
  const out: ImportedRecord[] = []
  for await (const r of importer.read(source, options)) out.push(r)
  return out
}

/** The records alone, for one collection. */
export function recordsOf(
  all: readonly ImportedRecord[],
  collection: string,
): Record<string, unknown>[] {
  return all.filter((r) => r.collection === collection).map((r) => ({ ...r.record }))
}

const schemaDir = fileURLToPath(new URL('../../schemas/collections/', import.meta.url))

/** True when the collection's schema has landed in `schemas/collections`. */
export function hasSchema(collection: string): boolean {
  return existsSync(`${schemaDir}${collection}.schema.json`)
}

const ajv = createAjv()

/** Ajv error text for each record that does not validate against its collection schema. */
export function schemaErrors(records: readonly ImportedRecord[]): string[] {
  const problems: string[] = []
  for (const { collection, record } of records) {
    const path = `${schemaDir}${collection}.schema.json`
    const schema = JSON.parse(readFileSync(path, 'utf8')) as { $id?: string }
    const validate =
      (schema.$id !== undefined ? ajv.getSchema(schema.$id) : undefined) ?? ajv.compile(schema)
    if (!validate(record)) {
      problems.push(`${collection} ${JSON.stringify(record)}: ${ajv.errorsText(validate.errors)}`)
    }
  }
  return problems
}

/** Runs `fn` and returns what it threw (or undefined). */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  return undefined
}

/** Every record `importFile` gives for `bytes` named `name`, each checked against its schema. */
export async function importAllChecked(
  name: string,
  bytes: Uint8Array,
  options: Record<string, unknown> = {},
): Promise<ImportedRecord[]> {
  const out: ImportedRecord[] = []
  for await (const r of importFile(sourceFromBytes(name, bytes), options)) out.push(r)
  expect(schemaErrors(out)).toEqual([])
  return out
}
