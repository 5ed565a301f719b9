/** Standard base64 (RFC 4648 §4) with btoa/atob, which Node 20 and browsers both have. */

const CHUNK = 0x8000

/** Base64 text of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(s)
}

/** Bytes of base64 `text`; TypeError naming `name` when it is not base64. */
export function fromBase64(text: string, name: string): Uint8Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new TypeError(`${name} must be base64 text`)
  }
  const s = atob(text)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
