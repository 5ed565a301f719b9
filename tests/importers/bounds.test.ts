/**
 * Parser bounds: a CSV record, a line and an OFX nesting depth each have a cap, and going past it is
 * an `ImportLimitError` with its own stable code, never a hang or a crash.
 */
import { describe, expect, it } from 'vitest'
import { csvRows } from '../../runtime/importers/_csv_rows.ts'
import { splitLines } from '../../runtime/importers/_source.ts'
import { parseOfxTree } from '../../runtime/importers/_ofx_tree.ts'
import { ImportLimitError } from '../../runtime/importers/errors.ts'
import { ofxImporter, whatsappImporter } from '../../runtime/importers/index.ts'
import { readAllRecords, textSource, thrown } from './_exports.ts'

async function* pieces(...texts: string[]): AsyncGenerator<string> {
  yield* texts
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describe('line splitting', () => {
  it('splits LF, CRLF and lone CR, also when CRLF straddles two chunks', async () => {
    const lines = await collect(splitLines(pieces('a\r', '\nb\rc\n', '', 'd')))
    expect(lines).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: 'c', line: 3 },
      { text: 'd', line: 4 },
    ])
  })

  it('keeps a line cut into many chunks whole', async () => {
    const chunks = Array.from({ length: 1000 }, (_, i) => String(i % 10))
    const lines = await collect(splitLines(pieces(...chunks, '\nend')))
    expect(lines.map((l) => l.text)).toEqual([chunks.join(''), 'end'])
  })

  it('refuses a line longer than the cap with SEALPOST_IMPORT_LINE_TOO_LONG', async () => {
    const error = await thrown(() =>
      collect(splitLines(pieces('ok\n', 'x'.repeat(60), 'y'.repeat(60)), 'whatsapp', 100)),
    )
    expect(error).toBeInstanceOf(ImportLimitError)
    expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_LINE_TOO_LONG')
    expect((error as ImportLimitError).message).toContain('line 2')
  })

  it('reads a 20 MB WhatsApp message line fed in 64 KiB chunks', async () => {
    const body = 'x'.repeat(20 * 1024 * 1024)
    const text = `12/03/2021, 09:15 - Ana: ${body}\n12/03/2021, 09:16 - Ben: ok\n`
    const records = await readAllRecords(whatsappImporter, textSource('chat.txt', text, 64 * 1024))
    expect(records).toHaveLength(2)
    // The messages schema keeps the first 100,000 characters of a message.
    expect(String(records[0]?.record['text'])).toBe(body.slice(0, 100_000))
    expect(records[1]?.record['text']).toBe('ok')
  })
})

describe('CSV record size', () => {
  it('refuses an unclosed quote that swallows the file with SEALPOST_IMPORT_RECORD_TOO_LARGE', async () => {
    const text = `a,b\n"never closed,${'z'.repeat(5000)}\n`
    const error = await thrown(() => collect(csvRows(pieces(text), 'bank-csv', ',', 1000)))
    expect(error).toBeInstanceOf(ImportLimitError)
    expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_RECORD_TOO_LARGE')
    expect((error as ImportLimitError).limit).toBe('csv-record-size')
  })

  it('reads records under the cap', async () => {
    const rows = await collect(csvRows(pieces('a,b\n1,"2\n3"\n'), 'bank-csv', ',', 1000))
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2\n3'],
    ])
  })
})

describe('OFX depth', () => {
  it('refuses nesting deeper than the cap with SEALPOST_IMPORT_TOO_DEEP', () => {
    const body = `${'<A>'.repeat(100)}<B>1${'</A>'.repeat(100)}`
    let error: unknown
    try {
      parseOfxTree(body, 1)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ImportLimitError)
    expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_TOO_DEEP')
  })

  it('a 100,000-deep OFX file is a typed error, not a stack overflow', async () => {
    const text = `OFXHEADER:100\n\n<OFX>${'<X>'.repeat(100_000)}`
    const error = await thrown(() => readAllRecords(ofxImporter, textSource('deep.ofx', text)))
    expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_TOO_DEEP')
  })

  it('a real statement nests well under the cap', () => {
    const tree = parseOfxTree('<OFX><A><B><C><D>1</C></B></A></OFX>', 1)
    expect(tree.children[0]?.name).toBe('OFX')
  })
})
