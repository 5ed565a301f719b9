/**
 * Recognises search-results pages in browser history, so that a visit to
 * `https://duckduckgo.com/?q=running+shoes` is recorded as a search for "running shoes".
 */

/** Host suffix → the query parameter that holds the search terms. */
const ENGINES: readonly (readonly [RegExp, string, RegExp?])[] = [
  [/(^|\.)google\.[a-z.]+$/, 'q', /^\/search/],
  [/(^|\.)bing\.com$/, 'q', /^\/search/],
  [/(^|\.)duckduckgo\.com$/, 'q'],
  [/(^|\.)search\.yahoo\.com$/, 'p', /^\/search/],
  [/(^|\.)ecosia\.org$/, 'q', /^\/search/],
  [/(^|\.)search\.brave\.com$/, 'q', /^\/search/],
  [/(^|\.)startpage\.com$/, 'query'],
  [/(^|\.)qwant\.com$/, 'q'],
  [/(^|\.)yandex\.[a-z]+$/, 'text', /^\/search/],
  [/(^|\.)baidu\.com$/, 'wd', /^\/s/],
  [/(^|\.)wikipedia\.org$/, 'search'],
  [/(^|\.)youtube\.com$/, 'search_query', /^\/results/],
  [/(^|\.)amazon\.[a-z.]+$/, 'k', /^\/s/],
]

/** The search terms when `url` is a results page of a known engine, else undefined. */
export function searchQuery(url: URL): string | undefined {
  const host = url.hostname.toLowerCase()
  for (const [hostPattern, param, pathPattern] of ENGINES) {
    if (!hostPattern.test(host)) continue
    if (pathPattern !== undefined && !pathPattern.test(url.pathname)) continue
    const terms = url.searchParams.get(param)?.trim()
    if (terms !== undefined && terms !== '') return terms
  }
  return undefined
}

/** Host name without a leading 'www.' ('en.wikipedia.org'); the scheme for hostless URLs ('about'). */
export function domainOf(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  return host !== '' ? host : url.protocol.replace(/:$/, '')
}
