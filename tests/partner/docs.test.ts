/**
 * docs/partners.md stays true: its collections section is what the schemas, the importers (over the
 * real exports in tests/fixtures) and the generated person produce, and its quick start's folder
 * passes `bundle test` (tests/partner/init.test.ts).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PARTNERS_DOC, renderPartnersDoc } from './_collections_doc.ts'

describe('docs/partners.md', () => {
  it('lists every collection, its fields and what each importer fills them with, as generated', async () => {
    const doc = readFileSync(PARTNERS_DOC, 'utf8')
    // On failure: node bin/run-ts.js tests/partner/_collections_doc.ts --write
    expect(await renderPartnersDoc(doc)).toBe(doc)
    for (const name of ['activities', 'purchases', 'transactions', 'health', 'profile']) {
      expect(doc).toContain(`#### \`${name}\``)
    }
    expect(doc).toMatch(/\| import `ofx` +\| \d+ /)
  }, 120_000)
})
