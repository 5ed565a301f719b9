/** Tiny argument checks in the noble style: they return the value and name the argument. */

/** Asserts `value` is a Uint8Array (of exactly `length` bytes when given). */
export function abytes(value: unknown, name: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`)
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`)
  }
  return value
}

/** Asserts `value` is an integer in [min, max]. */
export function aint(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${name} must be an integer`)
  }
  if (value < min || value > max)
    throw new RangeError(`${name} must be in [${min}, ${max}], got ${value}`)
  return value
}
