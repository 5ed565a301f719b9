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
const provenanceFiles = readdirSync(dir).filter((f) => /^PROVENANCE(-[\w-]+)?\.md$/.test(f))
const provenance = readFileSync(join(dir, 'PROVENANCE.md'), 'utf8')
// PROVENANCE.md lists the shared fixtures' SHA-256; the other provenance files describe the
// fixtures one area added (copied, synthetic or labelled), each in a table row.
const listed = new Map(
  [...provenance.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2]!, m[1]!] as const),
)
const rows = provenanceFiles.flatMap((f) =>
  readFileSync(join(dir, f), 'utf8')
    .split('\n')
    .filter((l) => /^\| [^-|\s][^|]* \|/.test(l) && !l.startsWith('| local path'))
    .map((l) => l.split('|').map((c) => c.trim())),
)
// A row may name several files: `a.csv, b.csv`.
const described = new Set(rows.flatMap((cells) => cells[1]!.split(/,\s*/)))

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(folder, e.name)) : [join(folder, e.name)],
  )
}

const fixtureFiles = filesUnder(dir)
  .map((f) => relative(dir, f).split('\\').join('/'))
  .filter(
    (f) => !f.startsWith('LICENSES/') && !provenanceFiles.includes(f) && f !== '.gitattributes',
  )

describe('tests/fixtures', () => {
  it('describes every fixture file in a provenance file, and lists no file that is missing', () => {
    expect(listed.size).toBeGreaterThan(30)
    expect(fixtureFiles.filter((f) => !described.has(f) && !listed.has(f))).toEqual([])
    expect([...described, ...listed.keys()].filter((f) => !fixtureFiles.includes(f))).toEqual([])
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
    const repos = rows.flatMap((cells) =>
      cells
        .slice(2, 5)
        .flatMap((c) => {
          const m = /^([\w.-]+)\/([\w.-]+)/.exec(c)
          return m ? [`${m[1]}__${m[2]}`] : []
        })
        .slice(0, 1),
    )
    expect(repos.length).toBeGreaterThan(listed.size)
    for (const repo of repos) expect(licences).toContain(repo)
  })
})
