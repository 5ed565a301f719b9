/** "My data": what the vault holds, importing export files, search, and (demo) a made-up person. */

import type { IngestReport, VaultSummary } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import {
  collectionLabel,
  day,
  duration,
  fieldLabel,
  isTimeField,
  money,
  number,
  when,
  type Lang,
} from './_format.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'

const SEARCH_LIMIT = 50
/** Fields a person recognises a record by; the rest stay in the vault (and in the CLI's export). */
const SHOWN_FIELDS = 6
const HIDDEN_FIELDS = new Set(['id', 'source', 'reference', 'accountId', 'orderId', 'placeId'])

function reportText(report: IngestReport, lang: Lang): string {
  const w = UI[lang].dataMore
  const colon = lang === 'fr' ? ' : ' : ': '
  const parts = Object.entries(report.counts).map(
    ([name, c]) =>
      `${collectionLabel(name, lang).toLowerCase()}${colon}${w.added(c.added)}${c.duplicates ? w.already(c.duplicates) : ''}`,
  )
  return `${report.source}${colon}${parts.length ? parts.join('; ') : w.nothing}`
}

/** Renders the data screen. */
export async function renderData(root: HTMLElement, app: App): Promise<void> {
  const lang = app.lang
  const w = UI[lang]
  const summary = h('div', { id: 'summary' })
  const collection = h('select', { id: 'search-collection' })
  const results = h('div', { id: 'search-results' })

  const refresh = async (): Promise<void> => {
    const s: VaultSummary = await app.client.call('summary')
    replace(
      summary,
      s.collections.length === 0
        ? h('p', { class: 'muted' }, w.empty)
        : h(
            'ul',
            { class: 'holdings', 'aria-label': 'What your vault holds' },
            ...[...s.collections]
              .sort((a, b) =>
                collectionLabel(a.name, lang).localeCompare(collectionLabel(b.name, lang), lang),
              )
              .map((c) =>
                h(
                  'li',
                  { 'data-collection': c.name },
                  h('strong', {}, collectionLabel(c.name, lang)),
                  h('span', { class: 'num' }, number(c.rows, lang)),
                  h(
                    'span',
                    { class: 'muted span' },
                    c.minTime === null ? '' : `${day(c.minTime, lang)} – ${day(c.maxTime, lang)}`,
                  ),
                ),
              ),
          ),
    )
    const previous = collection.value
    replace(
      collection,
      ...s.collections.map((c) => h('option', { value: c.name }, collectionLabel(c.name, lang))),
    )
    if (s.collections.some((c) => c.name === previous)) collection.value = previous
  }

  const importFiles = async (files: readonly File[]): Promise<void> => {
    for (const file of files) {
      app.announce(w.dataMore.importing(file.name))
      try {
        const bytes = new Uint8Array(await file.arrayBuffer())
        app.announce(reportText(await app.client.call('importFile', file.name, bytes), lang))
      } catch (e) {
        app.fail(e)
      }
    }
    await refresh()
  }

  const input = h('input', { id: 'import-file', type: 'file', multiple: true })
  input.addEventListener('change', () => {
    void importFiles([...(input.files ?? [])]).finally(() => (input.value = ''))
  })
  const drop = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('p', {}, w.drop),
    h('label', { for: 'import-file', class: 'button' }, w.choose),
    input,
  )
  drop.addEventListener('dragover', (e) => {
    e.preventDefault()
    drop.classList.add('over')
  })
  drop.addEventListener('dragleave', () => drop.classList.remove('over'))
  drop.addEventListener('drop', (e) => {
    e.preventDefault()
    drop.classList.remove('over')
    void importFiles([...(e.dataTransfer?.files ?? [])])
  })

  const text = h('input', { id: 'search-text', type: 'search', placeholder: w.searchHint })
  const search = h(
    'form',
    { class: 'inline', role: 'search', 'aria-label': 'Search your data' },
    h('label', { for: 'search-collection' }, w.searchIn),
    collection,
    h('label', { for: 'search-text' }, w.searchFind),
    text,
    h('button', { type: 'submit' }, w.search),
  )
  search.addEventListener('submit', (e) => {
    e.preventDefault()
    const name = collection.value
    app.client.call('search', { collection: name, text: text.value, limit: SEARCH_LIMIT }).then(
      (rows) => {
        const count = `${rows.length}${rows.length === SEARCH_LIMIT ? '+' : ''}`
        replace(
          results,
          h(
            'p',
            { id: 'search-count' },
            w.dataMore.found(count, rows.length, collectionLabel(name, lang).toLowerCase()),
          ),
          rows.length > 0 && h('ul', { class: 'records' }, ...rows.map((r) => recordCard(r, lang))),
        )
      },
      (err) => app.fail(err),
    )
  })

  replace(
    root,
    h('h1', { tabindex: -1 }, w.dataTitle),
    h(
      'section',
      { 'aria-labelledby': 'have-title', class: 'card' },
      h('h2', { id: 'have-title' }, w.have),
      summary,
    ),
    h(
      'section',
      { 'aria-labelledby': 'import-title', class: 'card' },
      h('h2', { id: 'import-title' }, w.add),
      drop,
    ),
    h(
      'section',
      { 'aria-labelledby': 'search-title', class: 'card' },
      h('h2', { id: 'search-title' }, w.search),
      search,
      results,
    ),
    app.demo && demoTools(app, refresh),
  )
  await refresh()
}

/** Demo only: a made-up person whose records end today (hidden unless switched on in Settings). */
function demoTools(app: App, refresh: () => Promise<void>): HTMLElement {
  const w = UI[app.lang].dataMore
  const seed = h('input', { id: 'persona-seed', type: 'number', value: 1, step: 1 })
  const scale = h('input', {
    id: 'persona-scale',
    type: 'number',
    value: 0.1,
    min: 0.01,
    max: 2,
    step: 0.01,
  })
  const generate = h(
    'form',
    { class: 'inline', 'aria-label': 'Generate a person' },
    h('label', { for: 'persona-seed' }, w.seed),
    seed,
    h('label', { for: 'persona-scale' }, w.scale),
    scale,
    h('button', { type: 'submit' }, w.generate),
  )
  generate.addEventListener('submit', (e) => {
    e.preventDefault()
    app.announce(w.generating)
    app.client
      .call('generatePersona', Number(seed.value), Number(scale.value))
      .then(
        (report) => app.announce(reportText(report, app.lang)),
        (err) => app.fail(err),
      )
      .then(refresh)
      .catch((err) => app.fail(err))
  })
  return h(
    'section',
    { 'aria-labelledby': 'demo-title', class: 'card demo', id: 'demo-tools' },
    h('h2', { id: 'demo-title' }, w.demoTitle),
    h('p', { class: 'muted' }, w.demoNote),
    generate,
  )
}

/** One record as a small card: its time, then its fields by label, values in words. */
function recordCard(r: Readonly<Record<string, unknown>>, lang: Lang): HTMLElement {
  const timeField = Object.keys(r).find((f) => isTimeField(f) && typeof r[f] === 'number')
  const fields = Object.keys(r)
    .filter((f) => f !== timeField && !HIDDEN_FIELDS.has(f) && f !== 'currency')
    .filter((f) => r[f] !== null && r[f] !== undefined && r[f] !== '')
    .slice(0, SHOWN_FIELDS)
  return h(
    'li',
    { class: 'record' },
    timeField && h('p', { class: 'record-time' }, when(r[timeField] as number, lang)),
    h(
      'dl',
      {},
      ...fields.flatMap((f) => [h('dt', {}, fieldLabel(f, lang)), h('dd', {}, cell(f, r, lang))]),
    ),
  )
}

function cell(field: string, r: Readonly<Record<string, unknown>>, lang: Lang): string {
  const v = r[field]
  if (typeof v === 'number' && isTimeField(field)) return when(v, lang)
  if (typeof v === 'number' && (field === 'amount' || field === 'balance')) {
    return money(v, typeof r['currency'] === 'string' ? r['currency'] : undefined, lang)
  }
  if (typeof v === 'number' && field.endsWith('Sec')) return duration(v)
  if (typeof v === 'number' && field === 'distanceM') return `${number(v / 1000, lang)} km`
  if (typeof v === 'number') return number(v, lang)
  if (typeof v === 'boolean') return v ? UI[lang].dataMore.yes : UI[lang].dataMore.no
  return String(v)
}
