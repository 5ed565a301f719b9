/**
 * A small Garmin FIT decoder (FIT protocol 1.0/2.0): file header, definition and data messages,
 * compressed-timestamp headers, developer fields (skipped), and the CRC-16 of header and file.
 * It yields raw field values by field number; the meaning of fields is the importer's business.
 * Chained FIT files (several FIT files back to back) are decoded one after the other.
 */
import { ImportFormatError } from './errors.ts'

const FORMAT = 'fit'

/** Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z). */
export const FIT_EPOCH_S = 631_065_600

/** The timestamp field number shared by every message (FIT profile). */
export const TIMESTAMP_FIELD = 253

/** A raw field value: integers and floats as numbers, strings, or arrays for multi-value fields. */
export type FitValue = number | string | readonly number[]

/** One data message: its global message number and its valid (non-"invalid") fields by number. */
export interface FitMessage {
  readonly global: number
  readonly fields: ReadonlyMap<number, FitValue>
  /** Timestamp in FIT seconds, from field 253 or a compressed-timestamp header. */
  readonly timestamp?: number
  /** Byte offset of the message header in the file. */
  readonly offset: number
}

/** A decoded file: header facts and messages in file order. */
export interface FitFile {
  readonly protocolVersion: number
  readonly profileVersion: number
  readonly messages: readonly FitMessage[]
}

interface FieldDefinition {
  readonly number: number
  readonly size: number
  readonly baseType: number
}

interface MessageDefinition {
  readonly global: number
  readonly littleEndian: boolean
  readonly fields: readonly FieldDefinition[]
  readonly developerBytes: number
}

// FIT CRC-16 nibble table (FIT protocol, "CRC" section).
const CRC_TABLE = [
  0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401, 0xa001, 0x6c00, 0x7800, 0xb401,
  0x5000, 0x9c01, 0x8801, 0x4400,
] as const

/** FIT CRC-16 of `bytes[start, end)`. */
export function fitCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0
  for (let i = start; i < end; i++) {
    const byte = bytes[i] ?? 0
    let tmp = CRC_TABLE[crc & 0xf] ?? 0
    crc = (crc >> 4) & 0x0fff
    crc = crc ^ tmp ^ (CRC_TABLE[byte & 0xf] ?? 0)
    tmp = CRC_TABLE[crc & 0xf] ?? 0
    crc = (crc >> 4) & 0x0fff
    crc = crc ^ tmp ^ (CRC_TABLE[(byte >> 4) & 0xf] ?? 0)
  }
  return crc
}

/** Decodes every FIT file in `bytes` (usually one); throws ImportFormatError on malformed input. */
export function decodeFit(bytes: Uint8Array): FitFile {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array')
  const messages: FitMessage[] = []
  let first: { protocolVersion: number; profileVersion: number } | undefined
  let at = 0
  do {
    const header = decodeOne(bytes, at, messages)
    first ??= header
    at = header.end
  } while (at < bytes.length)
  return { ...first, messages }
}

function decodeOne(
  bytes: Uint8Array,
  start: number,
  messages: FitMessage[],
): { protocolVersion: number; profileVersion: number; end: number } {
  const fail = (message: string, at: number): never => {
    throw new ImportFormatError(FORMAT, message, { byteOffset: at })
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length - start < 12) fail('file is too short for a FIT header', start)
  const headerSize = bytes[start] ?? 0
  if (headerSize !== 12 && headerSize !== 14)
    fail(`FIT header size ${headerSize} is neither 12 nor 14`, start)
  if (bytes.length - start < headerSize) fail('file ends inside the FIT header', start)
  const protocolVersion = bytes[start + 1] ?? 0
  // Protocol major version lives in the high nibble; this decoder knows 1.x and 2.x.
  if (protocolVersion >> 4 > 2)
    fail(`unsupported FIT protocol version ${protocolVersion >> 4}`, start + 1)
  const profileVersion = view.getUint16(start + 2, true)
  const dataSize = view.getUint32(start + 4, true)
  const magic = String.fromCharCode(...bytes.subarray(start + 8, start + 12))
  if (magic !== '.FIT') fail('missing ".FIT" signature', start + 8)
  if (headerSize === 14) {
    const headerCrc = view.getUint16(start + 12, true)
    // A header CRC of 0 means "not computed" (FIT protocol, file header).
    if (headerCrc !== 0 && headerCrc !== fitCrc(bytes, start, start + 12))
      fail('FIT header CRC does not match', start + 12)
  }
  const dataStart = start + headerSize
  const dataEnd = dataStart + dataSize
  if (dataEnd + 2 > bytes.length)
    fail(`file is truncated: header announces ${dataSize} data bytes`, bytes.length)
  const fileCrc = view.getUint16(dataEnd, true)
  if (fileCrc !== fitCrc(bytes, start, dataEnd))
    fail('FIT file CRC does not match: the file is damaged', dataEnd)

  const definitions = new Map<number, MessageDefinition>()
  let lastTimestamp: number | undefined
  let at = dataStart
  while (at < dataEnd) {
    const recordStart = at
    const header = bytes[at++] ?? 0
    let localType: number
    let compressedOffset: number | undefined
    if ((header & 0x80) !== 0) {
      // Compressed timestamp header: local type in bits 5–6, 5-bit seconds offset in bits 0–4.
      localType = (header >> 5) & 0x03
      compressedOffset = header & 0x1f
    } else if ((header & 0x40) !== 0) {
      at = readDefinition(bytes, view, at, dataEnd, header, definitions, fail)
      continue
    } else {
      localType = header & 0x0f
    }
    const definition =
      definitions.get(localType) ??
      fail(`data message uses undefined local type ${localType}`, recordStart)
    const fields = new Map<number, FitValue>()
    for (const field of definition.fields) {
      if (at + field.size > dataEnd) fail('data message runs past the end of the data', recordStart)
      const value = readField(view, bytes, at, field, definition.littleEndian)
      if (value !== undefined) fields.set(field.number, value)
      at += field.size
    }
    if (at + definition.developerBytes > dataEnd)
      fail('developer fields run past the end of the data', recordStart)
    at += definition.developerBytes
    let timestamp: number | undefined
    const stamped = fields.get(TIMESTAMP_FIELD)
    if (typeof stamped === 'number') {
      timestamp = stamped
      lastTimestamp = stamped
    } else if (compressedOffset !== undefined) {
      if (lastTimestamp === undefined)
        fail('compressed timestamp before any full timestamp', recordStart)
      else {
        // FIT protocol: offsets roll over every 32 s relative to the last full timestamp.
        let t = (lastTimestamp & ~0x1f) + compressedOffset
        if (compressedOffset < (lastTimestamp & 0x1f)) t += 0x20
        timestamp = t >>> 0
        lastTimestamp = timestamp
      }
    }
    messages.push({
      global: definition.global,
      fields,
      ...(timestamp === undefined ? {} : { timestamp }),
      offset: recordStart,
    })
  }
  return { protocolVersion, profileVersion, end: dataEnd + 2 }
}

function readDefinition(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  dataEnd: number,
  header: number,
  definitions: Map<number, MessageDefinition>,
  fail: (message: string, at: number) => never,
): number {
  const start = at - 1
  if (at + 5 > dataEnd) fail('definition message runs past the end of the data', start)
  const architecture = bytes[at + 1] ?? 0
  if (architecture > 1) fail(`unknown architecture ${architecture} in definition message`, start)
  const littleEndian = architecture === 0
  const global = view.getUint16(at + 2, littleEndian)
  const count = bytes[at + 4] ?? 0
  at += 5
  if (at + count * 3 > dataEnd) fail('definition message runs past the end of the data', start)
  const fields: FieldDefinition[] = []
  for (let i = 0; i < count; i++, at += 3) {
    const size = bytes[at + 1] ?? 0
    if (size === 0) fail('field definition with size 0', at)
    fields.push({ number: bytes[at] ?? 0, size, baseType: bytes[at + 2] ?? 0 })
  }
  let developerBytes = 0
  if ((header & 0x20) !== 0) {
    // Developer data fields (protocol 2.0): sizes are known from the definition; values are skipped.
    if (at + 1 > dataEnd) fail('definition message runs past the end of the data', start)
    const devCount = bytes[at++] ?? 0
    if (at + devCount * 3 > dataEnd) fail('definition message runs past the end of the data', start)
    for (let i = 0; i < devCount; i++, at += 3) developerBytes += bytes[at + 1] ?? 0
  }
  definitions.set(header & 0x0f, { global, littleEndian, fields, developerBytes })
  return at
}

interface BaseType {
  readonly size: number
  readonly read: (view: DataView, at: number, le: boolean) => number
  readonly invalid: number
}

// FIT base types by their low 5 bits (FIT protocol, "Base Types").
const BASE_TYPES: ReadonlyMap<number, BaseType> = new Map<number, BaseType>([
  [0x00, { size: 1, read: (v, a) => v.getUint8(a), invalid: 0xff }], // enum
  [0x01, { size: 1, read: (v, a) => v.getInt8(a), invalid: 0x7f }], // sint8
  [0x02, { size: 1, read: (v, a) => v.getUint8(a), invalid: 0xff }], // uint8
  [0x03, { size: 2, read: (v, a, le) => v.getInt16(a, le), invalid: 0x7fff }], // sint16
  [0x04, { size: 2, read: (v, a, le) => v.getUint16(a, le), invalid: 0xffff }], // uint16
  [0x05, { size: 4, read: (v, a, le) => v.getInt32(a, le), invalid: 0x7fffffff }], // sint32
  [0x06, { size: 4, read: (v, a, le) => v.getUint32(a, le), invalid: 0xffffffff }], // uint32
  [0x08, { size: 4, read: (v, a, le) => v.getFloat32(a, le), invalid: Number.NaN }], // float32
  [0x09, { size: 8, read: (v, a, le) => v.getFloat64(a, le), invalid: Number.NaN }], // float64
  [0x0a, { size: 1, read: (v, a) => v.getUint8(a), invalid: 0 }], // uint8z
  [0x0b, { size: 2, read: (v, a, le) => v.getUint16(a, le), invalid: 0 }], // uint16z
  [0x0c, { size: 4, read: (v, a, le) => v.getUint32(a, le), invalid: 0 }], // uint32z
  [0x0d, { size: 1, read: (v, a) => v.getUint8(a), invalid: 0xff }], // byte
  [0x0e, { size: 8, read: (v, a, le) => Number(v.getBigInt64(a, le)), invalid: Number.NaN }], // sint64
  [0x0f, { size: 8, read: (v, a, le) => Number(v.getBigUint64(a, le)), invalid: Number.NaN }], // uint64
  [0x10, { size: 8, read: (v, a, le) => Number(v.getBigUint64(a, le)), invalid: 0 }], // uint64z
])

function readField(
  view: DataView,
  bytes: Uint8Array,
  at: number,
  field: FieldDefinition,
  littleEndian: boolean,
): FitValue | undefined {
  const kind = field.baseType & 0x1f
  if (kind === 0x07) {
    // Null-terminated UTF-8 string padded to the field size.
    const raw = bytes.subarray(at, at + field.size)
    const end = raw.indexOf(0)
    const text = new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end))
    return text === '' ? undefined : text
  }
  const base = BASE_TYPES.get(kind)
  // Unknown base types and sizes that are not a whole number of elements are skipped, not guessed.
  if (base === undefined || field.size % base.size !== 0) return undefined
  const values: number[] = []
  for (let k = 0; k < field.size; k += base.size) {
    const value = base.read(view, at + k, littleEndian)
    values.push(value)
  }
  const valid = (x: number): boolean =>
    !Number.isNaN(x) && x !== base.invalid && !isInvalidFloat(x, kind)
  if (values.length === 1) {
    const only = values[0] ?? base.invalid
    return valid(only) ? only : undefined
  }
  return values.every((x) => !valid(x)) ? undefined : values
}

/** float32/float64 "invalid" is all bits set, which reads as NaN; also refuse infinities. */
function isInvalidFloat(x: number, kind: number): boolean {
  return (kind === 0x08 || kind === 0x09) && !Number.isFinite(x)
}
