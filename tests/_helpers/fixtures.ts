/** Reference-module fixtures, run the way `sealpost bundle test` runs them (runtime/dev/fixtures.ts). */

import type { Sandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { loadFixtures, runFixture as runDevFixture } from '../../runtime/dev/fixtures.ts'
import type { ModuleFixture } from '../../runtime/dev/fixtures.ts'
import type { RunResult } from '../../runtime/pipeline/run.ts'
import type { RunnableBundle } from '../../runtime/pipeline/types.ts'

export { loadFixtures }
export type { ModuleFixture }

const bundles = new Map<string, Promise<RunnableBundle>>()

/**
 * Runs one fixture of the module in `moduleDir` through the real pipeline (consent given at the
 * fixture's time, views over its records). The module is compiled once per folder.
 */
export async function runFixture(
  moduleDir: string,
  fixture: ModuleFixture,
  sandbox: Sandbox,
): Promise<RunResult> {
  let bundle = bundles.get(moduleDir)
  if (!bundle) {
    bundle = loadModuleFolder(moduleDir)
    bundles.set(moduleDir, bundle)
  }
  return runDevFixture(await bundle, fixture, sandbox)
}
