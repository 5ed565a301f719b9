/**
 * How deeply a JSON text nests, found in one pass over the text without parsing it: the check
 * that runs before `JSON.parse` on anything a partner or a guest controls, so no recursive walk
 * later (structured clone, canonical JSON, a schema validator) meets a value deep enough to
 * overflow the stack.
 */

/** The deepest nesting of `[` and `{` in `json`, stopping early once it passes `stopAbove`. */
export function jsonDepth(json: string, stopAbove: number = Infinity): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth
        if (max > stopAbove) return max
      }
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return max
}
