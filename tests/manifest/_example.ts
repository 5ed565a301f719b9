/** The example manifest from docs/contracts.md "Bundle (normative)", verbatim. */
export const designExample = {
  id: 'com.stridewear.shoe-size',
  version: '1.2.0',
  partner: { id: 'stridewear', name: 'StrideWear' },
  engine: 'quickjs',
  entry: 'index.js',
  mode: 'private',
  purpose: 'Recommend running shoes in your size',
  offer: '10% off your next pair',
  reads: [{ collection: 'purchases', fields: ['orderedAt', 'category', 'size'], window: 'P3Y' }],
  output: {
    type: 'object',
    additionalProperties: false,
    required: ['euSize'],
    properties: { euSize: { type: 'integer', minimum: 30, maximum: 50 } },
  },
  schedule: { kind: 'once' },
  personalization: 2,
  retentionDays: 30,
} as const

/** A copy of the example with `patch` merged over the top level. */
export function example(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(designExample), ...patch } as Record<string, unknown>
}
