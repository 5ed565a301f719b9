/**
 * Reads the parts of a WebAssembly binary that `WebAssembly.Module.imports()` does not report: the
 * limits of imported and defined memories. Runs on bytes `WebAssembly.validate` already accepted,
 * but still checks every read, so malformed input ends in a `MalformedWasmError`, never a crash.
 *
 * Binary format: WebAssembly Core Specification 2.0, §5.5 (modules) and §5.3.8 (limits).
 */

/** The bytes are not a WebAssembly module this reader understands. */
export class MalformedWasmError extends Error {
  override name = 'MalformedWasmError'
}

/** Limits of one memory, in 64 KiB pages. */
export interface MemoryLimits {
  readonly min: number
  /** Undefined when the module declares no maximum (an unbounded memory). */
  readonly max: number | undefined
  readonly shared: boolean
  readonly memory64: boolean
}

/** One import, as the binary declares it. */
export interface WasmImport {
  readonly module: string
  readonly name: string
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag'
  /** Only for memory imports. */
  readonly limits?: MemoryLimits
}

/** Limits of one table, in entries. */
export interface TableLimits {
  readonly min: number
  /** Undefined when the module declares no maximum (a table that may grow without bound). */
  readonly max: number | undefined
}

/** What the inspector learns from a binary. */
export interface WasmLayout {
  readonly imports: readonly WasmImport[]
  /** Memories the module defines itself (its memory section). */
  readonly memories: readonly MemoryLimits[]
  /** Tables the module defines itself (its table section). */
  readonly tables: readonly TableLimits[]
  /** Globals the module defines (its global section's count). */
  readonly globals: number
  /** Element segments, and the bytes of the element section that declares them. */
  readonly elementSegments: number
  readonly elementBytes: number
}

const KINDS = ['function', 'table', 'memory', 'global', 'tag'] as const
const SECTION_IMPORT = 2
const SECTION_TABLE = 4
const SECTION_MEMORY = 5
const SECTION_GLOBAL = 6
const SECTION_ELEMENT = 9
const decoder = new TextDecoder('utf-8', { fatal: true })

class Reader {
  at: number
  readonly end: number
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    end: number,
  ) {
    this.at = start
    this.end = end
  }

  byte(): number {
    if (this.at >= this.end) throw new MalformedWasmError('unexpected end of section')
    return this.bytes[this.at++]!
  }

  /** Unsigned LEB128 up to 64 bits, as a JS number (exact up to 2^53). */
  uleb(): number {
    let result = 0
    let scale = 1
    for (let i = 0; i < 10; i++) {
      const b = this.byte()
      result += (b & 0x7f) * scale
      if ((b & 0x80) === 0) return result
      scale *= 128
    }
    throw new MalformedWasmError('LEB128 number too long')
  }

  name(): string {
    const len = this.uleb()
    if (len > this.end - this.at) throw new MalformedWasmError('name runs past its section')
    let s: string
    try {
      s = decoder.decode(this.bytes.subarray(this.at, this.at + len))
    } catch {
      throw new MalformedWasmError('name is not valid UTF-8')
    }
    this.at += len
    return s
  }

  /** A table type: reference type then limits (§5.3.9); the typed-function-references form
   * `0x40 0x00 reftype limits expr` is refused as not understood. */
  table(): TableLimits {
    const ref = this.byte()
    if (ref !== 0x70 && ref !== 0x6f) {
      throw new MalformedWasmError(`unsupported table element type 0x${ref.toString(16)}`)
    }
    const flags = this.byte()
    if (flags > 1) throw new MalformedWasmError(`unsupported table limits flags ${flags}`)
    const min = this.uleb()
    const max = flags & 1 ? this.uleb() : undefined
    return { min, max }
  }

  limits(): MemoryLimits {
    const flags = this.byte()
    if (flags > 7) throw new MalformedWasmError(`unknown limits flags ${flags}`)
    const min = this.uleb()
    const max = flags & 1 ? this.uleb() : undefined
    return { min, max, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 }
  }
}

/** Parses the import and memory sections of `bytes`; throws MalformedWasmError. */
export function readWasmLayout(bytes: Uint8Array): WasmLayout {
  if (
    bytes.length < 8 ||
    bytes[0] !== 0x00 ||
    bytes[1] !== 0x61 ||
    bytes[2] !== 0x73 ||
    bytes[3] !== 0x6d
  ) {
    throw new MalformedWasmError('not a WebAssembly binary (bad magic)')
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new MalformedWasmError('unsupported WebAssembly binary version')
  }
  const imports: WasmImport[] = []
  const memories: MemoryLimits[] = []
  const tables: TableLimits[] = []
  let globals = 0
  let elementSegments = 0
  let elementBytes = 0
  const top = new Reader(bytes, 8, bytes.length)
  while (top.at < top.end) {
    const id = top.byte()
    const size = top.uleb()
    if (size > top.end - top.at) throw new MalformedWasmError('section runs past the end')
    const section = new Reader(bytes, top.at, top.at + size)
    top.at += size
    if (id === SECTION_IMPORT) readImports(section, imports)
    else if (id === SECTION_MEMORY) {
      const count = section.uleb()
      for (let i = 0; i < count; i++) memories.push(section.limits())
    } else if (id === SECTION_TABLE) {
      const count = section.uleb()
      for (let i = 0; i < count; i++) tables.push(section.table())
    } else if (id === SECTION_GLOBAL) {
      globals += section.uleb()
    } else if (id === SECTION_ELEMENT) {
      elementSegments += section.uleb()
      elementBytes += size
    }
  }
  return { imports, memories, tables, globals, elementSegments, elementBytes }
}

function readImports(r: Reader, out: WasmImport[]): void {
  const count = r.uleb()
  for (let i = 0; i < count; i++) {
    const module = r.name()
    const name = r.name()
    const tag = r.byte()
    const kind = KINDS[tag]
    if (kind === undefined) throw new MalformedWasmError(`unknown import kind ${tag}`)
    switch (kind) {
      case 'function':
        r.uleb() // type index
        out.push({ module, name, kind })
        break
      case 'table':
        r.table()
        out.push({ module, name, kind })
        break
      case 'memory':
        out.push({ module, name, kind, limits: r.limits() })
        break
      case 'global':
        r.byte() // value type
        r.byte() // mutability
        out.push({ module, name, kind })
        break
      case 'tag':
        r.byte() // attribute
        r.uleb() // type index
        out.push({ module, name, kind })
        break
    }
  }
}
