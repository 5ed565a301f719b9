import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { importFile, sourceFromFile } from '../../runtime/importers/index.ts'

// The importers and the schemas are written by different people: every record imported from the
// real export fixtures must validate against its collection's schema.
const schemas = new URL('../../schemas/collections/', import.meta.url)
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))
const FOLDERS = [
  'bank',
  'browsing',
  'calendar',
  'health',
  'location',
  'messages',
  'purchases',
  'social',
  'wearables',
]
// What a person tells the importer when the export itself does not say (no currency column,
// sign or header in these English-language bank exports), or that they take a statement as it is
// (the ABN AMRO sample's balances were anonymised apart from its entries and do not add up).
const OPTIONS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'bank/bank2ynab_boi-ie.csv': { currency: 'EUR' },
  'bank/bank2ynab_bunq-en.csv': { currency: 'EUR' },
  'bank/mt940-rs_abnamro-nl.sta': { reconcile: false },
}

const ajv = new Ajv2020({ strict: true, allErrors: true })
ajv.addKeyword({ keyword: 'x-kind' })
ajv.addKeyword({ keyword: 'x-time' })
const validators = new Map<string, ValidateFunction>()
for (const file of readdirSync(schemas)) {
  const schema = JSON.parse(readFileSync(new URL(file, schemas), 'utf8')) as object
  validators.set(file.replace('.schema.json', ''), ajv.compile(schema))
}

describe('records imported from real exports', () => {
  for (const folder of FOLDERS) {
    for (const file of readdirSync(fixtures + folder)) {
      it(`validate against their schemas: ${folder}/${file}`, async () => {
        let count = 0
        for await (const { collection, record } of importFile(
          sourceFromFile(`${fixtures}${folder}/${file}`),
          OPTIONS[`${folder}/${file}`] ?? {},
        )) {
          const validate = validators.get(collection)
          expect(validate, collection).toBeDefined()
          if (validate !== undefined && !validate(record)) {
            expect.fail(
              `${collection} ${JSON.stringify(record)}: ${JSON.stringify(validate.errors)}`,
            )
          }
          count++
        }
        expect(count).toBeGreaterThan(0)
      })
    }
  }
})
