/**
 * Browser history → `browsing`. Two sources: the browser's own SQLite database (Firefox
 * `places.sqlite`, Chrome/Edge/Brave `History`), read with sql.js (SQLite compiled to WebAssembly),
 * and Google "My Activity" JSON from Takeout ("Visited …" and "Searched for …" items). Visits to a
 * search engine's results page are recorded as searches with their terms.
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js'
import { importPeer } from '../../sandbox/_peer.ts'
import { StableIds } from './_id.ts'
import {
  clip,
  compact,
  FieldReader,
  isObject,
  maxBytesOption,
  readJsonDocument,
  sniffText,
  type Draft,
} from './_json_export.ts'
import { domainOf, searchQuery } from './_search_url.ts'
import { headText, readAll } from './_source.ts'
import { ImportFormatError, ImportLimitError } from './errors.ts'
import { ImportBudget, resolveLimits } from './limits.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

/** One `browsing` record. */
export type BrowsingRecord = {
  id: string
  visitedAt: number
  url: string
  domain: string
  kind: 'visit' | 'search'
  source: string
  title?: string
  query?: string
  transition?: string
  durationSec?: number
}

/** Default cap on a history database (sql.js holds it in memory). */
export const BROWSER_HISTORY_MAX_BYTES = 256 * 1024 * 1024

const SQLITE_MAGIC = 'SQLite format 3\u0000'

/** Firefox places.sqlite or Chromium History (SQLite). Option `sqlWasm`: wasm bytes or URL (browsers). */
export const browserHistoryImporter: Importer = {
  format: 'browser-history',
  description: 'Browser history database: Firefox places.sqlite, Chrome/Edge History (SQLite)',
  sniff(head, name) {
    if (headText(head.subarray(0, 16)) !== SQLITE_MAGIC) return 0
    const text = new TextDecoder('latin1').decode(head)
    if (text.includes('moz_historyvisits')) return 95
    if (/CREATE TABLE "?urls"?/.test(text) && /CREATE TABLE "?visits"?/.test(text)) return 90
    return /^(places\.sqlite|History)$/i.test(name) ? 60 : 0
  },
  read(source, options) {
    return readHistoryDatabase(source, options)
  },
}

let sqlJs: Promise<SqlJsStatic> | undefined

/** sql.js, an optional peer: installed by apps that import browser history. */
const importSqlJs = () => importPeer('sql.js', 'importing browser history', () => import('sql.js'))

/** sql.js, loaded once on first use (never at import time). */
async function loadSqlJs(wasm: unknown): Promise<SqlJsStatic> {
  if (wasm !== undefined) {
    if (!(wasm instanceof Uint8Array) && typeof wasm !== 'string') {
      throw new TypeError('options.sqlWasm must be the sql-wasm.wasm bytes or its URL')
    }
    const { default: initSqlJs } = await importSqlJs()
    return wasm instanceof Uint8Array
      ? initSqlJs({ wasmBinary: wasm.slice().buffer })
      : initSqlJs({ locateFile: () => wasm })
  }
  sqlJs ??= (async () => {
    const [{ default: initSqlJs }, { locateSqlJsFile }] = await Promise.all([
      importSqlJs(),
      import('#platform/sql-wasm'),
    ])
    return initSqlJs({ locateFile: locateSqlJsFile })
  })()
  return sqlJs
}

interface HistoryQuery {
  readonly browser: 'firefox' | 'chromium'
  /** The pages table, its id, url and title columns. */
  readonly pages: { table: string; id: string; url: string; title: string }
  /** The visits table: id, time, transition, page id, duration (or NULL). */
  readonly visits: { table: string; sql: string }
  readonly time: (raw: number) => number
  readonly transition: (raw: number) => string | undefined
}

const FIREFOX_TRANSITIONS = [
  undefined,
  'link',
  'typed',
  'bookmark',
  'embed',
  'redirect-permanent',
  'redirect-temporary',
  'download',
  'framed-link',
  'reload',
]
const CHROMIUM_TRANSITIONS = [
  'link',
  'typed',
  'bookmark',
  'subframe',
  'subframe',
  'generated',
  'start-page',
  'form-submit',
  'reload',
  'keyword',
  'keyword',
]
// Chromium stores µs since 1601-01-01 (Windows FILETIME epoch); Firefox µs since 1970 (PRTime).
const WINDOWS_EPOCH_MS = 11_644_473_600_000

// Longest URL and title read from the database: cut in the query, so a huge field never leaves SQLite.
const URL_CHARS = 4000
const TITLE_CHARS = 2000

// Each query reads one plain table once (no join, no view): linear in the file, whatever its schema.
const QUERIES: Readonly<Record<'firefox' | 'chromium', HistoryQuery>> = {
  firefox: {
    browser: 'firefox',
    pages: { table: 'moz_places', id: 'id', url: 'url', title: 'title' },
    visits: {
      table: 'moz_historyvisits',
      sql: `SELECT id, visit_date, visit_type, place_id, NULL FROM moz_historyvisits
            ORDER BY visit_date, id`,
    },
    time: (us) => Math.floor(us / 1000),
    transition: (t) => FIREFOX_TRANSITIONS[t],
  },
  chromium: {
    browser: 'chromium',
    pages: { table: 'urls', id: 'id', url: 'url', title: 'title' },
    visits: {
      table: 'visits',
      sql: `SELECT id, visit_time, transition, url, visit_duration FROM visits
            ORDER BY visit_time, id`,
    },
    time: (us) => Math.floor(us / 1000) - WINDOWS_EPOCH_MS,
    transition: (t) => CHROMIUM_TRANSITIONS[t & 0xff], // low byte: core transition type
  },
}

async function* readHistoryDatabase(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const format = 'browser-history'
  const budget =
    options?.['budget'] instanceof ImportBudget
      ? options['budget']
      : new ImportBudget(format, resolveLimits(options?.['limits']))
  const maxBytes =
    options?.['maxBytes'] === undefined ? BROWSER_HISTORY_MAX_BYTES : maxBytesOption(options)
  const bytes = await readAll(source, format, maxBytes)
  if (headText(bytes.subarray(0, 16)) !== SQLITE_MAGIC) {
    throw new ImportFormatError(format, 'not an SQLite database', { byteOffset: 0 })
  }
  const SQL = await loadSqlJs(options?.['sqlWasm'])
  let db: Database | undefined
  try {
    db = new SQL.Database(bytes)
    const objects = (db.exec('SELECT type, name, sql FROM sqlite_master')[0]?.values ?? []).map(
      ([type, name, sql]) => ({ type: String(type), name: String(name), sql: String(sql ?? '') }),
    )
    const tables = new Set(objects.filter((o) => o.type === 'table').map((o) => o.name))
    const query =
      tables.has('moz_historyvisits') || objects.some((o) => o.name === 'moz_historyvisits')
        ? QUERIES.firefox
        : objects.some((o) => o.name === 'visits') && objects.some((o) => o.name === 'urls')
          ? QUERIES.chromium
          : undefined
    if (query === undefined) {
      throw new ImportFormatError(
        format,
        'SQLite file has neither Firefox nor Chromium history tables',
      )
    }
    checkSchema(db, objects, [query.pages.table, query.visits.table])
    const count = (table: string): number =>
      Number(db!.exec(`SELECT count(*) FROM "${table}"`)[0]?.values[0]?.[0] ?? 0)
    budget.expectRecords(count(query.visits.table), query.visits.table)
    budget.expectRecords(count(query.pages.table), query.pages.table)
    const pages = readPages(db, query, budget)
    const ids = new StableIds(format)
    const statement = db.prepare(query.visits.sql)
    try {
      let row = 0
      while (statement.step()) {
        row++
        const [visitId, rawTime, rawTransition, pageId, rawDuration] = statement.get()
        const page = pages.get(Number(pageId))
        if (page === undefined) continue // a visit to a page the history no longer has
        const record = historyRow(
          [visitId, rawTime, rawTransition, page.url, page.title, rawDuration] as SqlValue[],
          query,
          row,
          ids,
        )
        if (record !== undefined) yield { collection: 'browsing', record }
      }
    } finally {
      statement.free()
    }
  } catch (cause) {
    if (cause instanceof ImportFormatError || cause instanceof ImportLimitError) throw cause
    // sql.js reports a damaged file ("file is not a database", "database disk image is malformed").
    const message = cause instanceof Error ? cause.message : String(cause)
    throw new ImportFormatError(format, `cannot read the database: ${message}`, {}, { cause })
  } finally {
    db?.close()
  }
}

/**
 * Refuses a database whose history is not plain stored rows: any view (a recursive view never
 * ends), and history tables that are virtual or have generated columns (computed on every read).
 * Triggers run only on writes, and the database is only read, so they are left alone.
 */
function checkSchema(
  db: Database,
  objects: readonly { type: string; name: string; sql: string }[],
  tables: readonly string[],
): void {
  const refuse = (message: string): never => {
    throw new ImportLimitError('browser-history', 'sqlite-schema', 0, message)
  }
  const views = objects.filter((o) => o.type === 'view').map((o) => o.name)
  if (views.length > 0) {
    refuse(
      `the database defines views (${views.slice(0, 5).join(', ')}); a browser's history has none`,
    )
  }
  for (const table of tables) {
    const object = objects.find((o) => o.name === table)
    if (object === undefined) {
      throw new ImportFormatError('browser-history', `the database has no ${table} table`)
    }
    if (object.type !== 'table') refuse(`${table} is a ${object.type}, not a table`)
    if (/^\s*CREATE\s+VIRTUAL\b/i.test(object.sql)) refuse(`${table} is a virtual table`)
    const columns = db.exec(`PRAGMA table_xinfo("${table}")`)[0]
    const hidden = columns?.columns.indexOf('hidden') ?? -1
    if (hidden >= 0 && columns!.values.some((c) => c[hidden] === 2 || c[hidden] === 3)) {
      refuse(`${table} has generated columns`)
    }
  }
}

/** The pages table as id → url and title, each cut to its cap inside SQLite. */
function readPages(
  db: Database,
  query: HistoryQuery,
  budget: ImportBudget,
): Map<number, { url: string | null; title: string | null }> {
  const { table, id, url, title } = query.pages
  const pages = new Map<number, { url: string | null; title: string | null }>()
  const statement = db.prepare(
    `SELECT "${id}", substr("${url}", 1, ${URL_CHARS}), substr("${title}", 1, ${TITLE_CHARS})
     FROM "${table}"`,
  )
  try {
    let n = 0
    while (statement.step()) {
      const [pageId, pageUrl, pageTitle] = statement.get()
      pages.set(Number(pageId), {
        url: typeof pageUrl === 'string' ? pageUrl : null,
        title: typeof pageTitle === 'string' ? pageTitle : null,
      })
      if (++n % 4096 === 0) {
        budget.checkTime()
        budget.checkMemory()
      }
    }
  } finally {
    statement.free()
  }
  return pages
}

function historyRow(
  values: SqlValue[],
  query: HistoryQuery,
  row: number,
  ids: StableIds,
): BrowsingRecord | undefined {
  const [visitId, rawTime, rawTransition, rawUrl, rawTitle, rawDuration] = values
  if (typeof rawTime !== 'number' || typeof rawUrl !== 'string') {
    throw new ImportFormatError('browser-history', 'visit without a time or a URL', { record: row })
  }
  const url = parseUrl(rawUrl)
  if (url === undefined) return undefined // Firefox keeps internal 'place:' entries; nothing to record
  const visitedAt = query.time(rawTime)
  const query_ = searchQuery(url)
  return record(
    ids,
    [query.browser, visitId === null ? undefined : Number(visitId), visitedAt, rawUrl],
    {
      visitedAt,
      url: rawUrl,
      domain: domainOf(url),
      kind: query_ === undefined ? 'visit' : 'search',
      source: `browser-history:${query.browser}`,
      title: typeof rawTitle === 'string' && rawTitle !== '' ? rawTitle : undefined,
      query: query_,
      transition: typeof rawTransition === 'number' ? query.transition(rawTransition) : undefined,
      durationSec:
        typeof rawDuration === 'number' && rawDuration > 0 ? rawDuration / 1e6 : undefined,
    },
  )
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

type BrowsingDraft = Draft<
  Omit<BrowsingRecord, 'id'>,
  'visitedAt' | 'url' | 'domain' | 'kind' | 'source'
>

function record(
  ids: StableIds,
  identity: (string | number | undefined)[],
  d: BrowsingDraft,
): BrowsingRecord {
  return compact<BrowsingRecord>({
    id: ids.next(identity),
    ...d,
    url: clip(d.url, 4000),
    domain: clip(d.domain, 255),
    title: clip(d.title, 2000),
    query: clip(d.query, 2000),
  })
}

/** Google Takeout "My Activity" JSON (Search, Chrome): "Visited …" and "Searched for …" items. */
export const myActivityImporter: Importer = {
  format: 'google-my-activity',
  description: 'Google Takeout My Activity JSON (searches and visited pages)',
  sniff(head) {
    const text = sniffText(head).slice(0, 8192)
    if (!text.startsWith('[')) return 0
    return /"header"\s*:/.test(text) && /"title"\s*:/.test(text) && /"time"\s*:/.test(text) ? 85 : 0
  },
  read(source, options) {
    return readMyActivity(source, options)
  },
}

/** Google's redirect links `https://www.google.com/url?q=TARGET&usg=…` → TARGET. */
export function unwrapGoogleRedirect(link: string): string {
  const url = parseUrl(link)
  if (url === undefined || !/(^|\.)google\.[a-z.]+$/.test(url.hostname) || url.pathname !== '/url')
    return link
  return url.searchParams.get('q') ?? url.searchParams.get('url') ?? link
}

async function* readMyActivity(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const format = 'google-my-activity'
  const doc = await readJsonDocument(source, format, maxBytesOption(options))
  if (!Array.isArray(doc)) throw new ImportFormatError(format, 'expected a list of activity items')
  const ids = new StableIds(format)
  for (let i = 0; i < doc.length; i++) {
    const item = doc[i]
    const r = new FieldReader(format, i + 1, `item ${i}`)
    if (!isObject(item)) throw r.fail('must be an object')
    const title = r.string(item, 'title')
    const visitedAt = r.optIsoTime(item, 'time')
    if (visitedAt === undefined) throw r.fail('time is missing')
    const link = r.optString(item, 'titleUrl')
    if (link === undefined) continue // "Used Search", notices: no page behind them
    const searched = /^Searched for (.*)$/s.exec(title)
    const visited = /^Visited (.*)$/s.exec(title)
    if (searched === null && visited === null) continue
    const target = unwrapGoogleRedirect(link)
    const url = parseUrl(target)
    if (url === undefined) throw r.fail(`titleUrl is not a URL: ${JSON.stringify(link)}`)
    const product = r.array(item, 'products').find((p): p is string => typeof p === 'string')
    const base = {
      visitedAt,
      url: target,
      domain: domainOf(url),
      source: `${format}:${(product ?? r.optString(item, 'header') ?? 'unknown').toLowerCase()}`,
    }
    yield {
      collection: 'browsing',
      record:
        searched !== null
          ? record(ids, ['search', visitedAt, target], {
              ...base,
              kind: 'search',
              query: searched[1],
            })
          : record(ids, ['visit', visitedAt, target], {
              ...base,
              kind: 'visit',
              title: visited?.[1],
            }),
    }
  }
}
