/**
 * The relay shares only crypto, schemas and the envelope and bundle formats with the runtime: no
 * file it imports, directly or not, belongs to the vault, the sandbox, the pipeline or the host.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Every repository file reachable by relative imports from `entries`. */
function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>()
  const todo = [...entries]
  while (todo.length > 0) {
    const file = todo.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    if (!file.endsWith('.ts')) continue
    const src = readFileSync(file, 'utf8')
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)) {
      if (/^\s*import\s+type\s/.test(m[0])) continue
      todo.push(resolve(dirname(file), m[1]!))
    }
  }
  return seen
}

describe('the relay', () => {
  it('imports nothing of the vault, sandbox, pipeline or host', () => {
    const files = [...reachable(tsFiles(join(root, 'relay')))].map((f) => relative(root, f))
    // sandbox/errors.ts (with its one-line message helper) holds only the base error class every
    // layer's errors extend.
    const forbidden = files.filter((f) =>
      /^(runtime\/(vault|pipeline|host|storage|consent\/(?!record))|sandbox\/(?!errors\.ts|_one_line\.ts))/.test(
        f,
      ),
    )
    expect(forbidden).toEqual([])
    expect(files).toContain('runtime/relay/protocol.ts')
  })
})
