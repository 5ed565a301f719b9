/** Loads the published crypto vectors from tests/fixtures/crypto (never modified). */

import { readFileSync } from 'node:fs'

/** Parsed JSON of one vector file in `tests/fixtures/crypto`. */
export function loadVectors<T>(file: string): T {
  const url = new URL(`../fixtures/crypto/${file}`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as T
}

/** The common shape of a Wycheproof file: groups of test cases. */
export interface WycheproofFile<G> {
  readonly algorithm: string
  readonly numberOfTests: number
  readonly testGroups: readonly G[]
}

/** Fields every Wycheproof test case has. */
export interface WycheproofCase {
  readonly tcId: number
  readonly comment: string
  readonly flags: readonly string[]
  readonly result: 'valid' | 'invalid' | 'acceptable'
}

/** Every test case of a file, each with its group. */
export function allCases<G extends { readonly tests: readonly unknown[] }>(
  file: WycheproofFile<G>,
): { group: G; test: G['tests'][number] }[] {
  return file.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })))
}
