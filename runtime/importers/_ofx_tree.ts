/**
 * A tolerant element tree for OFX bodies: OFX 1.x SGML (leaf elements are not closed: `<TRNAMT>-6.60`)
 * and OFX 2 XML (everything closed, CDATA allowed) read through one tokenizer. Aggregates must close;
 * a closing tag that matches nothing open, or an unclosed aggregate at the end, is malformed.
 */
import { ImportFormatError, ImportLimitError } from './errors.ts'

/** One OFX element: an aggregate with children, or a leaf with a text value. */
export interface OfxNode {
  readonly name: string
  readonly value: string | undefined
  readonly children: OfxNode[]
  readonly line: number
}

const FORMAT = 'ofx'
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** Default deepest aggregate nesting (a real statement nests about 8 deep). */
export const DEFAULT_MAX_OFX_DEPTH = 64

/**
 * Parses an OFX body (everything from the first `<`) into a root node named '#root'. Aggregates nested
 * deeper than `maxDepth` are refused with `ImportLimitError` (the tree walkers recurse).
 */
export function parseOfxTree(
  body: string,
  firstLine: number,
  maxDepth: number = DEFAULT_MAX_OFX_DEPTH,
): OfxNode {
  const root: OfxNode = { name: '#root', value: undefined, children: [], line: firstLine }
  const stack: OfxNode[] = [root]
  // The leaf just opened, waiting for its text (and, in XML, its closing tag).
  let pendingLeaf: { node: OfxNode; text: string } | undefined
  let line = firstLine
  let i = 0
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message, { line })
  }
  const top = (): OfxNode => stack[stack.length - 1] ?? root
  const settlePending = (): void => {
    if (pendingLeaf === undefined) return
    const text = pendingLeaf.text.trim()
    const node = pendingLeaf.node
    pendingLeaf = undefined
    if (text === '') {
      // `<TAG>` with no text: an aggregate opening.
      if (stack.length > maxDepth) {
        throw new ImportLimitError(
          FORMAT,
          'ofx-depth',
          maxDepth,
          `elements are nested deeper than ${maxDepth}`,
          { line: node.line },
        )
      }
      stack.push(node)
    } else {
      top().children.push({ ...node, value: text })
    }
  }
  while (i < body.length) {
    const lt = body.indexOf('<', i)
    const textEnd = lt < 0 ? body.length : lt
    if (textEnd > i) {
      const raw = body.slice(i, textEnd)
      line += countNewlines(raw)
      if (pendingLeaf !== undefined) pendingLeaf.text += decodeEntities(raw, fail)
      else if (raw.trim() !== '')
        fail(`unexpected text ${JSON.stringify(raw.trim().slice(0, 40))} outside an element`)
      i = textEnd
      continue
    }
    if (body.startsWith('<![CDATA[', i)) {
      const end = body.indexOf(']]>', i)
      if (end < 0) fail('unterminated CDATA section')
      const data = body.slice(i + 9, end)
      if (pendingLeaf === undefined) fail('CDATA outside an element')
      else pendingLeaf.text += data
      line += countNewlines(data)
      i = end + 3
      continue
    }
    if (body.startsWith('<?', i) || body.startsWith('<!--', i)) {
      const close = body.startsWith('<?', i) ? '?>' : '-->'
      const end = body.indexOf(close, i)
      if (end < 0) fail('unterminated processing instruction or comment')
      line += countNewlines(body.slice(i, end))
      i = end + close.length
      continue
    }
    const gt = body.indexOf('>', i)
    if (gt < 0) fail('unterminated tag')
    const tag = body.slice(i + 1, gt).trim()
    i = gt + 1
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim().toUpperCase()
      if (pendingLeaf !== undefined && pendingLeaf.node.name === name) {
        // XML-style closed leaf (`<CODE>0</CODE>`), possibly empty (`<MEMO></MEMO>`).
        const node = pendingLeaf.node
        const text = pendingLeaf.text.trim()
        pendingLeaf = undefined
        top().children.push({ ...node, value: text })
        continue
      }
      settlePending()
      const at = findOpen(stack, name)
      if (at < 1) fail(`closing tag </${name}> matches no open element`)
      // Close the aggregate; anything opened inside it and left open was an empty SGML leaf.
      while (stack.length > at) {
        const node = stack.pop()
        if (node === undefined) break
        const parent = top()
        if (stack.length === at) parent.children.push(node)
        else parent.children.push({ ...node, value: '' })
      }
      continue
    }
    if (!/^[A-Za-z][\w.]*$/.test(tag.replace(/\/$/, '')))
      fail(`malformed tag <${tag.slice(0, 40)}>`)
    settlePending()
    const name = tag.replace(/\/$/, '').toUpperCase()
    const node: OfxNode = { name, value: undefined, children: [], line }
    if (tag.endsWith('/')) top().children.push({ ...node, value: '' })
    else pendingLeaf = { node, text: '' }
  }
  settlePending()
  if (stack.length > 1) {
    fail(`file ends before </${top().name}>: the statement is truncated`)
  }
  return root
}

/** The first descendant named `name` (depth first), if any. */
export function findFirst(node: OfxNode, name: string): OfxNode | undefined {
  for (const child of node.children) {
    if (child.name === name) return child
    const found = findFirst(child, name)
    if (found !== undefined) return found
  }
  return undefined
}

/** Every descendant named `name`, in document order. */
export function findAll(node: OfxNode, name: string, out: OfxNode[] = []): OfxNode[] {
  for (const child of node.children) {
    if (child.name === name) out.push(child)
    else findAll(child, name, out)
  }
  return out
}

/** The value of the direct child leaf `name`, if present and non-empty. */
export function childValue(node: OfxNode, name: string): string | undefined {
  const child = node.children.find((c) => c.name === name)
  return child?.value === undefined || child.value === '' ? undefined : child.value
}

function findOpen(stack: readonly OfxNode[], name: string): number {
  for (let k = stack.length - 1; k >= 1; k--) if (stack[k]?.name === name) return k
  return -1
}

function countNewlines(s: string): number {
  let n = 0
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) === 10) n++
  return n
}

function decodeEntities(s: string, fail: (message: string) => never): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(parseInt(ref.slice(2), 16), whole, fail)
    if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10), whole, fail)
    // Unknown named entities are kept as written: SGML OFX often carries a bare '&' in names.
    return ENTITIES[ref.toLowerCase()] ?? whole
  })
}

function safeCodePoint(cp: number, whole: string, fail: (message: string) => never): string {
  if (!Number.isInteger(cp) || cp < 0 || cp > 0x10ffff) fail(`bad character reference ${whole}`)
  return String.fromCodePoint(cp)
}
