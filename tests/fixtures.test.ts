/**
 * The third-party fixtures in `tests/fixtures` are the published bytes, unchanged: every file is
 * listed in PROVENANCE.md with its SHA-256, every listed file is there, and each source's licence
 * travels with it.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const provenance = readFileSync(join(dir, 'PROVENANCE.md'), 'utf8')
const listed = new Map(
  [...provenance.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2]!, m[1]!] as const),
)

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(folder, e.name)) : [join(folder, e.name)],
  )
}

const fixtureFiles = filesUnder(dir)
  .map((f) => relative(dir, f).split('\\').join('/'))
  .filter((f) => !f.startsWith('LICENSES/') && f !== 'PROVENANCE.md' && f !== '.gitattributes')

describe('tests/fixtures', () => {
  it('lists every fixture file with its hash, and nothing that is missing', () => {
    expect(listed.size).toBeGreaterThan(30)
    expect([...fixtureFiles].sort()).toEqual([...listed.keys()].sort())
  })

  it.each([...listed])('%s has the SHA-256 PROVENANCE.md gives', (rel, sha) => {
    expect(
      createHash('sha256')
        .update(readFileSync(join(dir, rel)))
        .digest('hex'),
    ).toBe(sha)
  })

  it('carries the licence of every source repository it names', () => {
    const licences = new Set(
      readdirSync(join(dir, 'LICENSES')).map((f) => f.replace(/\.LICENSE\.\w+$/, '')),
    )
    const rows = [...provenance.matchAll(/^\| \S+ \| ([\w.-]+)\/([\w.-]+)/gm)]
    expect(rows.length).toBe(listed.size)
    for (const [, owner, repo] of rows) expect(licences).toContain(`${owner}__${repo}`)
  })
})
