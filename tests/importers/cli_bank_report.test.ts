/**
 * `sealpost vault import` of bank CSVs: after the counts, the command says which preset or layout
 * read the file and which rows it left out and why (`reports` with `--json`); inside an archive,
 * each file's line follows its entry's, and its report takes the entry's path. An MT940 file says how
 * many statements of how many accounts it held; an OFX file, its version and the bank that sent it.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../cli/_world.ts'
import { reportLine } from '../../runtime/cli/commands/vault-import.ts'

const REVOLUT = [
  'Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance',
  'CARD_PAYMENT,Current,2024-03-01 09:12:44,2024-03-02 10:00:01,Starbucks,-4.20,0.00,EUR,COMPLETED,120.50',
  'TOPUP,Current,2024-03-03 08:00:00,2024-03-03 08:00:05,Top-Up by *1234,100.00,0.00,EUR,COMPLETED,220.50',
  'CARD_PAYMENT,Current,2024-03-05 12:00:00,,Amazon,-20.00,0.00,EUR,PENDING,',
  '',
].join('\n')

let dir = ''
let vault = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealpost-bank-report-'))
  vault = join(dir, 'vault')
  expect((await cli(['vault', 'init', vault, '--scrypt-n', '1024'])).code).toBe(0)
})

describe('vault import of a bank CSV', () => {
  it('prints the preset and the skipped rows, and gives them as reports with --json', async () => {
    const path = join(dir, 'revolut.csv')
    await writeFile(path, REVOLUT)
    const r = await cli(['vault', 'import', vault, path])
    expect(r.code).toBe(0)
    expect(r.out.split('\n')).toEqual([
      'transactions: 2 added, 0 already in the vault',
      'read as Revolut; 1 row skipped: not completed (PENDING)',
    ])
    const again = await cli(['vault', 'import', vault, path, '--json'])
    expect(JSON.parse(again.out)).toMatchObject({
      collections: { transactions: { added: 0, duplicates: 2 } },
      reports: [
        {
          file: 'revolut.csv',
          format: 'bank-csv',
          layout: 'revolut',
          readAs: 'Revolut',
          records: 2,
          skipped: [{ reason: 'not completed (PENDING)', rows: 1 }],
        },
      ],
    })
  })

  it('names each bank file of an archive', async () => {
    const path = join(dir, 'banks.zip')
    const german = 'Buchungstag;Verwendungszweck;Betrag\n01.02.2024;REWE;-3,00\n'
    await writeFile(
      path,
      zipSync({
        'banks/revolut.csv': new TextEncoder().encode(REVOLUT.replace('Starbucks', 'Costa')),
        'banks/konto.csv': new TextEncoder().encode(german),
      }),
    )
    const lines = (await cli(['vault', 'import', vault, path])).out.split('\n')
    expect(lines).toEqual([
      // The top-up is the same row as in revolut.csv above: already in the vault.
      'transactions: 2 added, 1 already in the vault',
      '2 archive entries: 2 imported, 0 skipped',
      '  imported banks/revolut.csv (bank-csv: 2 transactions)',
      '    read as Revolut; 1 row skipped: not completed (PENDING)',
      '  imported banks/konto.csv (bank-csv: 1 transactions)',
      '    read as a layout inferred from its German header',
    ])
    const json = JSON.parse((await cli(['vault', 'import', vault, path, '--json'])).out)
    expect(json.reports.map((r: { file: string; layout: string }) => [r.file, r.layout])).toEqual([
      ['banks/revolut.csv', 'revolut'],
      ['banks/konto.csv', 'inferred-de'],
    ])
  })

  it('counts each reason when there are several', () => {
    const line = reportLine({
      file: 'a.csv',
      format: 'bank-csv',
      layout: 'paypal',
      readAs: 'PayPal',
      records: 4,
      skipped: [
        { reason: 'not completed (Pending)', rows: 2 },
        { reason: 'no balance impact (Memo)', rows: 1 },
      ],
    })
    expect(line).toBe(
      'read as PayPal; 3 rows skipped: 2 not completed (Pending), 1 no balance impact (Memo)',
    )
  })
})

describe('vault import of a bank statement', () => {
  it('says how many MT940 statements of how many accounts it read', async () => {
    const path = join(dir, 'volksbank.sta')
    const bytes = readFileSync(
      new URL('../fixtures/bank/jejik-mt940_volksbank-de.txt', import.meta.url),
    )
    await writeFile(path, bytes)
    const r = await cli(['vault', 'import', vault, path])
    expect(r.code).toBe(0)
    expect(r.out.split('\n')).toEqual([
      'transactions: 12 added, 0 already in the vault',
      'read as 8 MT940 statements of 1 account, balances and totals checked',
    ])
  })

  it('says which OFX version from which bank it read', async () => {
    const path = join(dir, 'checking.ofx')
    await writeFile(
      path,
      readFileSync(new URL('../fixtures/bank/ofxparse_checking.ofx', import.meta.url)),
    )
    const r = await cli(['vault', 'import', vault, path])
    expect(r.code).toBe(0)
    expect(r.out.split('\n')).toEqual([
      'transactions: 3 added, 0 already in the vault',
      'read as 1 OFX 1.02 bank statement of 1 account from FAKE',
    ])
  })
})
