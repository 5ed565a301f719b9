/**
 * Browser stand-in for `runtime/importers/_sql_wasm_node.ts`: sql.js's wasm file (for browser
 * history imports) is an asset whose URL Vite resolves at build time.
 */

import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url'

/** The URL of sql.js's wasm (sql.js asks for `sql-wasm.wasm`). */
export function locateSqlJsFile(_file: string): string {
  return sqlWasmUrl
}
