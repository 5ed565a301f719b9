/**
 * Stable record ids: the first 20 hex characters of SHA-256 over the format name and the fields that
 * identify a record, so that importing the same file twice yields the same ids (idempotent import).
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/** Separator that cannot appear in a field by accident (ASCII unit separator). */
const SEPARATOR = '\u001f'

/** The first 10 bytes of SHA-256 over `format` plus `parts`: an id's bytes. */
function idBytes(format: string, parts: readonly (string | number | undefined)[]): Uint8Array {
  const text = [format, ...parts.map((p) => (p === undefined ? '' : String(p)))].join(SEPARATOR)
  return sha256(utf8ToBytes(text)).subarray(0, 10)
}

/** The 20-hex-character id of `format` plus `parts` (numbers and undefined are stringified). */
export function stableId(format: string, parts: readonly (string | number | undefined)[]): string {
  return bytesToHex(idBytes(format, parts))
}

/**
 * Issues stable ids within one file. Two records with identical identifying fields (two identical
 * coffees on the same day) get distinct ids by their occurrence number, which is itself stable.
 */
export class StableIds {
  readonly #format: string
  /**
   * Occurrences so far of each id, keyed by the id's 10 bytes as a 10-character string: a flat
   * string of about 32 bytes, where the hex id is a chain of concatenations several times that, and
   * this map holds one key per record of the file.
   */
  readonly #seen = new Map<string, number>()
  constructor(format: string) {
    this.#format = format
  }

  /** The id for the next record with these identifying fields. */
  next(parts: readonly (string | number | undefined)[]): string {
    const bytes = idBytes(this.#format, parts)
    const key = String.fromCharCode(...bytes)
    const count = this.#seen.get(key) ?? 0
    this.#seen.set(key, count + 1)
    return count === 0 ? bytesToHex(bytes) : stableId(this.#format, [...parts, `#${count}`])
  }
}
