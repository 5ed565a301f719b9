/**
 * csv-parse's Node build (its streams import `node:stream`), behind `#platform/csv-parse`; browsers
 * get `_csv_parse_browser.ts` through the `browser` condition of package.json `imports`.
 */

export { CsvError } from 'csv-parse'
export { parse } from 'csv-parse/stream'
