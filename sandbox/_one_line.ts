/**
 * Text that came from a guest (an exception message, an abort string, a kernel complaint) made
 * safe for a log line or a terminal: control characters, ANSI escapes, bidi overrides and lone
 * surrogates are written as visible escapes, and the length is capped. A guest cannot end a line,
 * move the cursor, recolour the terminal or forge a second message.
 */

/** Longest guest-supplied text kept in a message, in UTF-16 units (before escaping). */
export const MAX_GUEST_TEXT = 300

// C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates, BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const hex = (c: string): string => c.charCodeAt(0).toString(16).padStart(4, '0')

/**
 * `text` as one printable line of at most about `max` characters: `oneLine('a\nb\x1b[31m')` is
 * `a\\u000ab\\u001b[31m`.
 */
export function oneLine(text: unknown, max: number = MAX_GUEST_TEXT): string {
  let s = typeof text === 'string' ? text : String(text)
  const cut = s.length > max
  if (cut) {
    s = s.slice(0, max)
    // Do not leave half a surrogate pair at the cut.
    if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1)
  }
  s = s.replace(UNSAFE, (c) => `\\u${hex(c)}`).replace(LONE_SURROGATE, (c) => `\\u${hex(c)}`)
  return cut ? `${s}…` : s
}
