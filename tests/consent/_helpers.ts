/** Manifests for the consent suites: the repository's reference modules, parsed as installed. */

import { readFileSync } from 'node:fs'
import { parseManifest } from '../../runtime/manifest/index.ts'
import type { Manifest } from '../../runtime/manifest/types.ts'
import type { ConsentSubject } from '../../runtime/consent/index.ts'

function load(name: string): Manifest {
  const url = new URL(`../../algorithms/${name}/manifest.json`, import.meta.url)
  return parseManifest(JSON.parse(readFileSync(url, 'utf8')))
}

export const shoeSize = load('shoe-size')
export const favoriteSport = load('favorite-sport')

/** A bundle as consent sees it; the digest stands in for the signed bundle's. */
export function subject(
  manifest: Manifest,
  digest = `digest-of-${manifest.id}@${manifest.version}`,
): ConsentSubject {
  return { manifest, digest }
}

/** `manifest` with `patch` over the top level (a new version unless the patch says otherwise). */
export function variant(manifest: Manifest, patch: Partial<Manifest>): Manifest {
  return { ...structuredClone(manifest), version: bump(manifest.version), ...patch } as Manifest
}

function bump(version: string): string {
  const [a, b, c] = version.split('.').map(Number)
  return `${a}.${b}.${(c ?? 0) + 1}`
}

export const DAY = 86_400_000
export const T0 = Date.UTC(2026, 2, 10, 9, 0, 0)
