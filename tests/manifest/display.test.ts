import { describe, expect, it } from 'vitest'
import { auditReport, formatAudit } from '../../runtime/bundle/audit.ts'
import { outputBitBound, outputDisplayHints, parseManifest } from '../../runtime/manifest/index.ts'
import { ManifestInvalidError } from '../../runtime/manifest/errors.ts'
import { example } from './_example.ts'

/** The example's output with `hint` on `euSize` (the shape docs/display-hints.md shows). */
function withHint(hint: unknown): Record<string, unknown> {
  return example({
    output: {
      type: 'object',
      additionalProperties: false,
      required: ['euSize'],
      properties: {
        euSize: { type: 'integer', minimum: 30, maximum: 50, 'x-display': hint },
      },
    },
  })
}

const SHOE_HINT = {
  label: { en: 'Your shoe size', fr: 'Votre pointure' },
  template: { en: 'EU {value}', fr: '{value} (EU)' },
  values: { null: { en: 'not known', fr: 'inconnue' } },
}

describe('display hints (x-display) in a manifest', () => {
  it('are accepted in a signed manifest and change no bound', () => {
    const hinted = parseManifest(withHint(SHOE_HINT))
    const plain = parseManifest(example())
    expect(outputBitBound(hinted.output).bits).toBe(outputBitBound(plain.output).bits)
    expect(outputDisplayHints(hinted.output)).toEqual([{ path: 'euSize', hint: SHOE_HINT }])
  })

  it('are shown to the auditor, label first, control characters quoted', () => {
    const m = parseManifest(withHint({ label: 'Size\u001b[31m red' }))
    const report = auditReport({ manifest: m })
    expect(report.output.display).toEqual([
      { path: 'euSize', label: 'Size\u001b[31m red', hint: { label: 'Size\u001b[31m red' } },
    ])
    const line = formatAudit(report).find((l) => l.includes('reads as'))
    expect(line).toContain('euSize: "Size\\u001b[31m red"')
    expect(line).not.toContain('\u001b')
  })

  it.each([
    ['a label that is not text', { label: 42 }],
    ['an unknown member', { colour: 'red' }],
    ['a chart kind the app cannot draw', { chart: { kind: 'pie' } }],
    ['a label past 200 characters', { label: 'x'.repeat(201) }],
    ['a currency that is not an ISO code', { currency: 'euro' }],
  ])('refuses %s', (_, hint) => {
    expect(() => parseManifest(withHint(hint))).toThrow(ManifestInvalidError)
  })
})
