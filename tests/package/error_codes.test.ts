/**
 * The error-code union names every code the sources raise, and nothing else: a host that switches
 * on `SealpostErrorCode` sees each refusal it can meet.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, isSealpostError } from '../../runtime/error_codes.ts'
import { SealpostError } from '../../sandbox/errors.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(root, dir, f))
}

/**
 * Codes given to an error's constructor or to a sandbox failure as string literals, and every code
 * literal in an `errors.ts` (where classes that take their code as an argument list the codes).
 */
function raisedCodes(): Set<string> {
  const codes = new Set<string>()
  for (const file of [...sources('runtime'), ...sources('sandbox')]) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/(?:super|fail)\(\s*'(SEALPOST_[A-Z0-9_]+)'/g)) codes.add(m[1]!)
    if (file.endsWith('errors.ts')) {
      for (const m of text.matchAll(/'(SEALPOST_[A-Z0-9_]+)'/g)) codes.add(m[1]!)
    }
  }
  return codes
}

describe('SealpostErrorCode', () => {
  it('lists exactly the codes the runtime and the sandbox raise', () => {
    const raised = raisedCodes()
    expect(raised.size).toBeGreaterThan(60)
    expect([...ERROR_CODES].sort()).toEqual([...raised].sort())
  })

  it('is sorted and free of duplicates', () => {
    expect([...new Set(ERROR_CODES)].sort()).toEqual([...ERROR_CODES])
  })

  it('narrows a caught error by its code', () => {
    const e: unknown = new SealpostError('SEALPOST_NO_CONSENT', 'no consent')
    expect(isSealpostError(e)).toBe(true)
    expect(isSealpostError(e, 'SEALPOST_NO_CONSENT', 'SEALPOST_CONSENT_REVOKED')).toBe(true)
    expect(isSealpostError(e, 'SEALPOST_BAD_SIGNATURE')).toBe(false)
    expect(isSealpostError(new Error('SEALPOST_NO_CONSENT'))).toBe(false)
  })
})
