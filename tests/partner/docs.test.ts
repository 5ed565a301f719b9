/**
 * docs/partners.md stays true: every collection, every field of its schema and every importer that
 * fills it are in the generated collections section (values seen may drift with the importers:
 * regenerate with `node bin/run-ts.js tests/partner/_collections_doc.ts --write`).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { collectionNames, collectionSchema } from '../../runtime/collections.ts'
import { collectionsMarkdown, PARTNERS_DOC } from './_collections_doc.ts'

describe('docs/partners.md', () => {
  it('lists every collection, its fields and the importers that fill it', async () => {
    const doc = readFileSync(PARTNERS_DOC, 'utf8')
    const sections = doc.split(/^#### /m)
    const generated = await collectionsMarkdown()
    for (const name of collectionNames()) {
      const section = sections.find((s) => s.startsWith(`\`${name}\``))
      expect(section, `section of ${name}`).toBeDefined()
      const fields = Object.keys(collectionSchema(name)!['properties'] as object)
      for (const field of fields) expect(section).toMatch(new RegExp(`^\\| \`${field}\` +\\|`, 'm'))
      const want = generated
        .split(/^#### /m)
        .find((s) => s.startsWith(`\`${name}\``))!
        .match(/^\| (import `[a-z-]+`|generated person)/gm)
      for (const row of want ?? []) expect(section).toContain(row)
    }
  }, 120_000)
})
