/**
 * Node-only: where sql.js's WebAssembly file lives on disk, resolved through the package's exports.
 */
import { createRequire } from 'node:module'

/** The absolute path of `sql.js/dist/<file>` (sql.js asks for `sql-wasm.wasm`). */
export function locateSqlJsFile(file: string): string {
  return createRequire(import.meta.url).resolve(`sql.js/dist/${file}`)
}
