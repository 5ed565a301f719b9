/**
 * Streaming XML through saxes: element names without namespace prefix, the direct text of leaf
 * elements, records emitted by the handler drained after every chunk, and every parse failure turned
 * into `ImportFormatError` with line and column.
 */
import { SaxesParser } from 'saxes'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord } from './types.ts'

/** Callbacks for element events; `path` is the stack of open element local names, root first. */
export interface XmlHandler {
  open(name: string, attributes: Readonly<Record<string, string>>, path: readonly string[]): void
  /** `text` is the element's own text when it has no child elements ('' otherwise). */
  close(name: string, text: string, path: readonly string[]): void
}

/** Where the parser is, for error positions raised from inside a handler. */
export interface XmlPosition {
  readonly line: number
  readonly column: number
}

/** Feeds `text` to saxes and yields the records that `handler` pushes into `out`, chunk by chunk. */
export async function* streamXml(
  text: AsyncIterable<string>,
  format: string,
  makeHandler: (out: ImportedRecord[], where: () => XmlPosition) => XmlHandler,
): AsyncGenerator<ImportedRecord> {
  const parser = new SaxesParser({ position: true })
  const out: ImportedRecord[] = []
  const where = (): XmlPosition => ({ line: parser.line, column: parser.column })
  const handler = makeHandler(out, where)
  const path: string[] = []
  const texts: string[] = []
  let sawRoot = false
  parser.on('opentag', (tag) => {
    sawRoot = true
    // Mixed content is not used by these formats: text before a child element is dropped.
    if (texts.length > 0) texts[texts.length - 1] = ''
    const name = localName(tag.name)
    path.push(name)
    texts.push('')
    const attributes: Record<string, string> = {}
    for (const [key, value] of Object.entries(tag.attributes)) attributes[localName(key)] = value
    handler.open(name, attributes, path)
  })
  const onText = (t: string): void => {
    if (texts.length > 0) texts[texts.length - 1] += t
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', (tag) => {
    const text = texts.pop() ?? ''
    handler.close(localName(tag.name), text, path)
    path.pop()
  })
  const feed = (chunk: string | null): void => {
    try {
      if (chunk === null) parser.close()
      else parser.write(chunk)
    } catch (error) {
      if (error instanceof ImportFormatError) throw error
      const message =
        error instanceof Error ? error.message.replace(/^[^:]*:\d+:\d+: /, '') : String(error)
      throw new ImportFormatError(format, `malformed XML: ${message}`, where(), { cause: error })
    }
  }
  for await (const chunk of text) {
    feed(chunk)
    yield* out.splice(0)
  }
  feed(null)
  if (!sawRoot) throw new ImportFormatError(format, 'no XML root element', where())
  yield* out.splice(0)
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}
