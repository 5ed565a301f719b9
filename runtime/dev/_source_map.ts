/**
 * Maps `module.js:LINE:COL` in a guest error back to the partner's own file and line, through the
 * source map esbuild wrote when it bundled the folder (Source Map v3, Base64 VLQ mappings).
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

interface RawMap {
  readonly sources: readonly string[]
  readonly mappings: string
}

/** Decodes one segment's VLQ numbers. */
function decodeSegment(segment: string): number[] {
  const out: number[] = []
  let value = 0
  let shift = 0
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch)
    if (digit < 0) return out
    value += (digit & 31) << shift
    if (digit & 32) {
      shift += 5
      continue
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1)
    value = 0
    shift = 0
  }
  return out
}

/** `{ source, line }` (line 1-based) for a generated position, or undefined. */
export function originalPosition(
  mapJson: string,
  line: number,
  column = 1,
): { source: string; line: number } | undefined {
  const map = JSON.parse(mapJson) as RawMap
  const lines = map.mappings.split(';')
  let source = 0
  let origLine = 0
  let found: { source: string; line: number } | undefined
  for (let l = 0; l < lines.length && l < line; l++) {
    let genCol = 0
    for (const seg of lines[l]!.split(',')) {
      if (seg === '') continue
      const v = decodeSegment(seg)
      genCol += v[0] ?? 0
      if (v.length < 4) continue
      source += v[1]!
      origLine += v[2]!
      // Segments are ordered by column: keep the last one at or before the error's column
      // (or the line's first, when the column is before every segment).
      if (l === line - 1 && (found === undefined || genCol <= column - 1)) {
        found = { source: map.sources[source] ?? '?', line: origLine + 1 }
      }
    }
  }
  return found
}

/** Rewrites every `module.js:L[:C]` in `message` as the partner's `file:line`. */
export function locateInSources(message: string, mapJson: string | undefined): string {
  if (!mapJson) return message
  return message.replace(/module\.js:(\d+)(?::(\d+))?/g, (all, l: string, c?: string) => {
    const at = originalPosition(mapJson, Number(l), c === undefined ? 1 : Number(c))
    return at ? `${at.source}:${at.line}` : all
  })
}
