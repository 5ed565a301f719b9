/**
 * Stable record ids: the first 20 hex characters of SHA-256 over the format name and the fields that
 * identify a record, so that importing the same file twice yields the same ids (idempotent import).
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/** Separator that cannot appear in a field by accident (ASCII unit separator). */
const SEPARATOR = '\u001f'

/** The 20-hex-character id of `format` plus `parts` (numbers and undefined are stringified). */
export function stableId(format: string, parts: readonly (string | number | undefined)[]): string {
  const text = [format, ...parts.map((p) => (p === undefined ? '' : String(p)))].join(SEPARATOR)
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 20)
}

/**
 * Issues stable ids within one file. Two records with identical identifying fields (two identical
 * coffees on the same day) get distinct ids by their occurrence number, which is itself stable.
 */
export class StableIds {
  readonly #format: string
  readonly #seen = new Map<string, number>()
  constructor(format: string) {
    this.#format = format
  }

  /** The id for the next record with these identifying fields. */
  next(parts: readonly (string | number | undefined)[]): string {
    const base = stableId(this.#format, parts)
    const count = this.#seen.get(base) ?? 0
    this.#seen.set(base, count + 1)
    return count === 0 ? base : stableId(this.#format, [...parts, `#${count}`])
  }
}
