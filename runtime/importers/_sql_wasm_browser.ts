/**
 * Browser stand-in for `_sql_wasm_node.ts`: sql.js's wasm file (for browser history imports) is an
 * asset whose URL Vite resolves at build time (the package build turns it into
 * `new URL('./sql-wasm.wasm', import.meta.url)` beside a copy of the file).
 */

import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url'

/** The URL of sql.js's wasm (sql.js asks for `sql-wasm.wasm`). */
export function locateSqlJsFile(_file: string): string {
  return sqlWasmUrl
}
