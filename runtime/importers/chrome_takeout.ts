/**
 * Google Takeout's Chrome history, `Chrome/BrowserHistory.json` (`{"Browser History": [{ url, title,
 * time_usec, page_transition, … }]}`) → `browsing`: one visit per entry, searches recognised from the
 * search engine's URL as for the browser's own database.
 */
import { StableIds } from './_id.ts'
import { clip, isObject, maxBytesOption, readJsonDocument, sniffText } from './_json_export.ts'
import { domainOf, searchQuery } from './_search_url.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'chrome-takeout'

/** Chrome BrowserHistory.json importer. */
export const chromeTakeoutImporter: Importer = {
  format: FORMAT,
  description: 'Google Takeout Chrome/BrowserHistory.json → browsing',
  sniff(head) {
    const text = sniffText(head.subarray(0, 4096))
    return text.startsWith('{') && /"Browser History"\s*:/.test(text) ? 92 : 0
  },
  read(source, options) {
    return readChrome(source, options ?? {})
  },
}

async function* readChrome(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const doc = await readJsonDocument(source, FORMAT, maxBytesOption(options))
  const list = isObject(doc) ? doc['Browser History'] : undefined
  if (!Array.isArray(list)) throw new ImportFormatError(FORMAT, 'no "Browser History" list')
  const ids = new StableIds(FORMAT)
  let index = 0
  for (const item of list) {
    index++
    if (!isObject(item))
      throw new ImportFormatError(FORMAT, 'an entry is not an object', { record: index })
    const usec = item['time_usec']
    const raw = item['url']
    if (typeof usec !== 'number' || !Number.isFinite(usec) || typeof raw !== 'string') {
      throw new ImportFormatError(FORMAT, 'an entry has no time_usec or url', { record: index })
    }
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      continue // chrome://, javascript: and other non-web entries are not browsing
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue
    const visitedAt = Math.floor(usec / 1000)
    const query = searchQuery(url)
    const record: Record<string, unknown> = {
      id: ids.next([visitedAt, raw]),
      visitedAt,
      url: clip(raw, 4000),
      domain: domainOf(url),
      kind: query === undefined ? 'visit' : 'search',
      source: FORMAT,
    }
    const title = item['title']
    if (typeof title === 'string' && title !== '') record['title'] = clip(title, 2000)
    if (query !== undefined) record['query'] = clip(query, 2000)
    const transition = item['page_transition']
    if (typeof transition === 'string' && transition !== '')
      record['transition'] = transition.toLowerCase().slice(0, 40)
    yield { collection: 'browsing', record }
  }
}
