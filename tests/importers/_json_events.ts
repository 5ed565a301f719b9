/**
 * Test helpers for the streaming JSON parser: run it over text cut into given pieces, and rebuild
 * a value from its events, to compare with `JSON.parse`.
 */
import {
  JsonStreamParser,
  type JsonEvent,
  type JsonStreamOptions,
} from '../../runtime/importers/_json_stream.ts'

/** Every event of `pieces` fed in turn, then the end of input. */
export function parsePieces(
  pieces: readonly string[],
  options: JsonStreamOptions,
  format = 'json',
): JsonEvent[] {
  const parser = new JsonStreamParser(format, options)
  const events: JsonEvent[] = []
  for (const piece of pieces) {
    parser.write(piece)
    events.push(...parser.take())
  }
  parser.end()
  events.push(...parser.take())
  return events
}

/** `text` cut at the given offsets. */
export function cutAt(text: string, offsets: readonly number[]): string[] {
  const out: string[] = []
  let from = 0
  for (const at of [...offsets].sort((a, b) => a - b)) {
    out.push(text.slice(from, at))
    from = at
  }
  out.push(text.slice(from))
  return out
}

/** The value described by the events of a parse (open / value / close in document order). */
export function rebuild(events: readonly JsonEvent[]): unknown {
  let root: unknown
  const stack: (Record<string, unknown> | unknown[])[] = []
  const put = (path: readonly (string | number)[], value: unknown): void => {
    const parent = stack[stack.length - 1]
    if (path.length === 0 || parent === undefined) {
      root = value
      return
    }
    // defineProperty, so that a "__proto__" key is a plain key as JSON.parse makes it.
    Object.defineProperty(parent, path[path.length - 1] as string | number, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  for (const e of events) {
    if (e.kind === 'open') {
      const container = e.container === 'object' ? {} : []
      put(e.path, container)
      stack.push(container)
    } else if (e.kind === 'close') stack.pop()
    else put(e.path, e.value)
  }
  return root
}
