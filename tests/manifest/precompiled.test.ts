/**
 * The package ships the manifest validators precompiled (ajv's standalone code, `npm run build`);
 * the sources compile them on first use. Both must give the same verdict and the same first error
 * on every reference manifest and on a few hundred broken variants of them; and the precompiled
 * JSON Schema meta-schema must judge output schemas exactly as ajv's own `validateSchema` does.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manifestValidator } from '../../runtime/manifest/_manifest_validator.ts'
import { manifestValidatorModule } from '../../runtime/manifest/_manifest_validator_standalone.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const manifests = readdirSync(join(root, 'algorithms'))
  .map((name) => join(root, 'algorithms', name, 'manifest.json'))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)

const WRONG = [null, 1, -1.5, '', 'x', true, [], {}, [{}]]

/** Each key of `obj` removed, replaced by each wrong value, plus an unknown key. */
function variants(obj: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{ ...obj, unknownKey: 1 }]
  for (const key of Object.keys(obj)) {
    const { [key]: _, ...rest } = obj
    out.push(rest)
    for (const w of WRONG) out.push({ ...obj, [key]: w })
  }
  return out
}

/** Broken manifests: top-level changes, and the same inside the first `reads` entry. */
function broken(m: Record<string, unknown>): unknown[] {
  const reads = m['reads'] as Record<string, unknown>[]
  return [
    ...variants(m),
    ...variants(reads[0]!).map((r) => ({ ...m, reads: [r, ...reads.slice(1)] })),
  ]
}

let dir: string
let precompiled: ValidateFunction
let precompiledMeta: ValidateFunction
const compiled = manifestValidator()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealpost-precompiled-'))
  // As the build does: the standalone module with ajv's one runtime helper bundled in.
  const file = join(dir, 'manifest_validator.mjs')
  const out = await build({
    stdin: { contents: manifestValidatorModule(), resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  })
  await writeFile(file, out.outputFiles[0]!.text)
  const mod = (await import(pathToFileURL(file).href)) as {
    manifestValidator(): ValidateFunction
    outputMetaValidator(): ValidateFunction
  }
  precompiled = mod.manifestValidator()
  precompiledMeta = mod.outputMetaValidator()
})

afterAll(() => rm(dir, { recursive: true, force: true }))

function verdict(validate: ValidateFunction, raw: unknown): unknown {
  if (validate(raw)) return 'valid'
  const e = validate.errors?.[0]
  return { instancePath: e?.instancePath, schemaPath: e?.schemaPath, keyword: e?.keyword }
}

describe('the precompiled manifest validator', () => {
  it('accepts every reference manifest, as the compiled one does', () => {
    expect(manifests.length).toBeGreaterThan(5)
    for (const m of manifests) {
      expect(verdict(precompiled, m)).toBe('valid')
      expect(verdict(compiled, m)).toBe('valid')
    }
  })

  it('refuses broken manifests with the same first error', () => {
    let refused = 0
    for (const m of manifests) {
      for (const raw of broken(m)) {
        const expected = verdict(compiled, raw)
        expect(verdict(precompiled, raw)).toEqual(expected)
        if (expected !== 'valid') refused++
      }
    }
    expect(refused).toBeGreaterThan(500)
  })
})

describe('the precompiled output meta-schema', () => {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false })
  const outputs = manifests.map((m) => m['output'] as Record<string, unknown>)
  /** Each output schema broken at its top and in its first property, as ajv's meta-schema sees it. */
  const schemas: unknown[] = outputs.flatMap((o) => {
    const props = (o['properties'] ?? {}) as Record<string, Record<string, unknown>>
    const first = Object.keys(props)[0]
    const nested = first === undefined ? [] : variants(props[first]!)
    return [
      o,
      ...variants(o),
      ...nested.map((p) => ({ ...o, properties: { ...props, [first!]: p } })),
      { ...o, items: { prefixItems: [{ type: 'float' }] } },
      { ...o, $defs: { a: { anyOf: [{ minimum: 'x' }] } } },
      { ...o, unevaluatedProperties: { pattern: 3 } },
    ]
  })

  it("gives ajv validateSchema's verdict and error text on every variant", () => {
    let refused = 0
    for (const schema of schemas) {
      const expected = ajv.validateSchema(schema as object) ? 'valid' : ajv.errorsText()
      const got = precompiledMeta(schema) ? 'valid' : ajv.errorsText(precompiledMeta.errors)
      expect(got).toBe(expected)
      if (expected !== 'valid') refused++
    }
    expect(refused).toBeGreaterThan(200)
  })
})
