/**
 * Bank statements at the speed of reading them: a bank CSV of 20k rows (quick) or 20k and 200k
 * (full) whose descriptions are the in-sample labelled statement lines in seven languages, tiled,
 * interleaved round by round with its reference:
 *
 * - `split (V8)` (reference): the same text split into lines and `;` cells, dates and amounts parsed
 *   with `Number` — the floor of touching every row, with no categories.
 * - `categorise`: `categorizeTransaction` on each row's description, amount and bank category
 *   (lexicon, codes, names, remittance words), as the importers call it.
 * - `import (bank-csv)`: the whole importer: decoding, the preset for the header, CSV parsing,
 *   dates, amounts, stable ids, categories and counterparties, records out.
 *
 * The notes give rows per second. Only in-sample lines are used: the held-out sets stay unread.
 */

import { readFileSync } from 'node:fs'
import { bankCsvImporter } from '../runtime/importers/bank_csv.ts'
import { categorizeTransaction } from '../runtime/importers/categories.ts'
import type { ImportSource } from '../runtime/importers/types.ts'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import { interleave, variantsFrom, type BenchFn } from './_timing.ts'

interface Line {
  readonly description: string
  readonly amount: number
  readonly bankCategory?: string
}

const LABELLED = new URL('../tests/fixtures/labelled/transactions.json', import.meta.url)
// Fineco's header: a bank category column, Italian dates, debit and credit apart.
const HEADER =
  'Data_Operazione;Data_Valuta;Entrate;Uscite;Descrizione;Descrizione_Completa;Stato;Moneymap'

function labelledLines(): Line[] {
  const { rows } = JSON.parse(readFileSync(LABELLED, 'utf8')) as { rows: Line[] }
  return rows
}

/** `n` rows of the labelled lines in turn, one a day from 2024-01-01, as a Fineco CSV. */
function statement(lines: readonly Line[], n: number): string {
  const out = [HEADER]
  const day0 = Date.UTC(2024, 0, 1)
  for (let i = 0; i < n; i++) {
    const line = lines[i % lines.length]!
    const d = new Date(day0 + (i % 3650) * 86_400_000)
    const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`
    const money = Math.abs(line.amount).toFixed(2).replace('.', ',')
    const [credit, debit] = line.amount >= 0 ? [money, ''] : ['', money]
    const text = line.description.replaceAll(';', ',').replaceAll('"', "'")
    const category = (line.bankCategory ?? '').replaceAll(';', ',')
    out.push(`${date};${date};${credit};${debit};"${text}";;Contabilizzato;${category}`)
  }
  return out.join('\n') + '\n'
}

const pad = (n: number): string => String(n).padStart(2, '0')

function textSource(bytes: Uint8Array): ImportSource {
  return {
    name: 'fineco.csv',
    async *chunks() {
      for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536)
    },
  }
}

/** The reference: every line and cell touched, numbers parsed, nothing categorised. */
function splitRows(text: string): number {
  let rows = 0
  let sum = 0
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue
    const cells = line.split(';')
    sum += Number(cells[2]!.replace(',', '.')) - Number(cells[3]!.replace(',', '.'))
    sum += Number(cells[0]!.slice(0, 2))
    rows++
  }
  return sum === -Infinity ? -1 : rows
}

export const run: BenchFile = async ({ quick }) => {
  const lines = labelledLines()
  const reports: BenchSuiteReport[] = []
  for (const n of quick ? [20_000] : [20_000, 200_000]) {
    const text = statement(lines, n)
    const bytes = new TextEncoder().encode(text)
    const importRows = async (): Promise<number> => {
      let count = 0
      for await (const { record } of bankCsvImporter.read(textSource(bytes), {})) {
        if (record['category'] !== undefined) count++
      }
      return count
    }
    // Every variant must see every row before it is timed.
    if (splitRows(text) !== n) throw new Error('split lost rows')
    if ((await importRows()) !== n) throw new Error('import lost rows or categories')
    let sink = 0
    const variants: Record<string, BenchFn> = {
      'split (V8)': () => void (sink ^= splitRows(text)),
      categorise: () => {
        for (let i = 0; i < n; i++) {
          const line = lines[i % lines.length]!
          sink ^= categorizeTransaction({
            description: line.description,
            amount: line.amount,
            ...(line.bankCategory !== undefined ? { bankCategory: line.bankCategory } : {}),
          }).category.length
        }
      },
      'import (bank-csv)': async () => void (sink ^= await importRows()),
    }
    const measured = await interleave(variants, { quick }, { roundMs: 0 })
    if (sink === -1) console.log(sink)
    const rows = variantsFrom(measured, 'split (V8)')
    reports.push({
      suite: `bank-csv/${n / 1000}k`,
      reference: 'split (V8)',
      variants: rows,
      notes: rows.map(
        (v) => `${v.name}: ${Math.round(n / (v.ms / 1000)).toLocaleString('en-US')} rows/s`,
      ),
    })
  }
  return reports
}
