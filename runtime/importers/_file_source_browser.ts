/**
 * Browser stand-in for `_node_source.ts`, chosen by the `browser` condition of
 * `#platform/file-source` (package.json `imports`).
 */

import { NotInBrowserError } from '../platform_errors.ts'
import type { ImportSource, RandomAccess } from './types.ts'

/** File paths do not exist in browsers: import bytes with `sourceFromBytes`. */
export function nodeFileSource(_path: string): ImportSource {
  throw new NotInBrowserError('reading a file by path')
}

/** File paths do not exist in browsers: import bytes with `sourceFromBytes`. */
export function nodeFileRandomAccess(_path: string): Promise<RandomAccess> {
  return Promise.reject(new NotInBrowserError('reading a file by path'))
}
