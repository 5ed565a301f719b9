/**
 * Hostile class: the floating-point attack on the Laplace mechanism (Mironov 2012). Plain
 * `x + b·ln(u)` on doubles reaches different sets of doubles for different x, so one noised output
 * can reveal x exactly. Runtime-applied Laplace noise now uses the snapping mechanism: the output
 * lies on a lattice (multiples of a power of two around the range's centre, or the range's ends)
 * that does not depend on the value.
 */
import { describe, expect, it } from 'vitest'
import { laplaceNoise, noiseRandom, snappedLaplace } from '../../runtime/consent/noise.ts'
import { applyNoise } from '../../runtime/consent/noise.ts'
import { buildContract, renderContract } from '../../runtime/consent/contract.ts'
import { parseManifest } from '../../runtime/manifest/index.ts'
import { manifest } from '../bundle/_helpers.ts'

const onLattice = (y: number, lo: number, hi: number, snap: number): boolean => {
  if (y === lo || y === hi) return true
  const k = (y - (lo + hi) / 2) / snap
  return Number.isInteger(k)
}

describe('snapped Laplace noise', () => {
  it('lands on the same value-independent lattice whatever the true value', () => {
    const random = noiseRandom('snap')
    // scale 3 → Λ = 4; range [0, 100], centre 50.
    for (const x of [0, 0.1, 1e-9, 37.25, 50, 99.999, 100]) {
      for (let i = 0; i < 2000; i++) {
        const y = snappedLaplace(x, 0, 100, 3, random)
        expect(y >= 0 && y <= 100).toBe(true)
        expect(onLattice(y, 0, 100, 4)).toBe(true)
      }
    }
  })

  it('where plain floating-point Laplace does not: its outputs carry the value in their low bits', () => {
    const random = noiseRandom('plain')
    const offLattice = Array.from({ length: 2000 }, () => 0.1 + laplaceNoise(3, random)).filter(
      (y) => !onLattice(y, 0, 100, 4),
    )
    expect(offLattice.length).toBeGreaterThan(1900)
  })

  it('still has the scale asked for (mean absolute error ≈ scale)', () => {
    const random = noiseRandom('scale')
    const N = 20_000
    let sum = 0
    for (let i = 0; i < N; i++) sum += Math.abs(snappedLaplace(500, 0, 1000, 16, random) - 500)
    // Laplace(16) has E|z| = 16; snapping to multiples of 16 adds at most 8 either way.
    expect(sum / N).toBeGreaterThan(12)
    expect(sum / N).toBeLessThan(20)
  })

  it('is what applyNoise uses for laplace fields, and the contract names it', () => {
    const output = {
      type: 'object',
      additionalProperties: false,
      required: ['km'],
      properties: {
        km: {
          type: 'number',
          minimum: 0,
          maximum: 100,
          multipleOf: 0.5,
          'x-noise': { mechanism: 'laplace', epsilon: 1, sensitivity: 3 },
        },
      },
    }
    const random = noiseRandom('apply')
    for (let i = 0; i < 500; i++) {
      const { km } = applyNoise({ km: 42.5 }, output, { random }) as { km: number }
      // Λ = 4 around the centre 50, then to the nearest multiple of 0.5: the lattice survives.
      expect(onLattice(km, 0, 100, 4)).toBe(true)
    }
    const m = parseManifest(manifest({ output }))
    const text = renderContract(buildContract({ manifest: m, digest: 'd' }), 'en')
    expect(text).toMatch(/Laplace noise, snapped \(Mironov 2012\), ε = 1/)
  })
})
