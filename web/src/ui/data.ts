/** "My data": what the vault holds, importing export files or a generated person, and search. */

import type { IngestReport, VaultSummary } from '../runtime/host_api.ts'
import { h, replace, show, when } from './_dom.ts'
import type { App } from './app.ts'

const SEARCH_LIMIT = 50

function reportText(report: IngestReport): string {
  const parts = Object.entries(report.counts).map(
    ([name, c]) =>
      `${name}: ${c.added} added${c.duplicates ? `, ${c.duplicates} already there` : ''}`,
  )
  return `${report.source}: ${parts.length ? parts.join('; ') : 'no records'}`
}

/** Renders the data screen. */
export async function renderData(root: HTMLElement, app: App): Promise<void> {
  const summary = h('div', { id: 'summary' })
  const collection = h('select', { id: 'search-collection' })
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' })

  const refresh = async (): Promise<void> => {
    const s: VaultSummary = await app.client.call('summary')
    replace(
      summary,
      s.collections.length === 0
        ? h(
            'p',
            { class: 'muted' },
            'Your vault is empty. Import an export file or generate a person below.',
          )
        : h(
            'table',
            {},
            h('caption', {}, 'What your vault holds'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Collection'),
                h('th', { scope: 'col' }, 'Records'),
                h('th', { scope: 'col' }, 'From'),
                h('th', { scope: 'col' }, 'To'),
              ),
            ),
            h(
              'tbody',
              {},
              ...s.collections.map((c) =>
                h(
                  'tr',
                  { 'data-collection': c.name },
                  h('th', { scope: 'row' }, c.name),
                  h('td', { class: 'num' }, c.rows),
                  h('td', {}, when(c.minTime)),
                  h('td', {}, when(c.maxTime)),
                ),
              ),
            ),
          ),
    )
    const previous = collection.value
    replace(collection, ...s.collections.map((c) => h('option', { value: c.name }, c.name)))
    if (s.collections.some((c) => c.name === previous)) collection.value = previous
  }

  const importFiles = async (files: readonly File[]): Promise<void> => {
    for (const file of files) {
      app.announce(`Importing ${file.name}…`)
      try {
        const bytes = new Uint8Array(await file.arrayBuffer())
        app.announce(reportText(await app.client.call('importFile', file.name, bytes)))
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
    h(
      'p',
      {},
      'Drop export files here (GPX, TCX, FIT, bank CSV or OFX, calendar, FHIR, WhatsApp, Instagram, mbox, X archive, browser history, location history)',
    ),
    h('label', { for: 'import-file', class: 'button' }, 'Choose files…'),
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
    h('label', { for: 'persona-seed' }, 'Seed'),
    seed,
    h('label', { for: 'persona-scale' }, 'Scale'),
    scale,
    h('button', { type: 'submit' }, 'Generate a person'),
  )
  generate.addEventListener('submit', (e) => {
    e.preventDefault()
    app.announce('Generating a person…')
    app.client
      .call('generatePersona', Number(seed.value), Number(scale.value))
      .then(
        (report) => app.announce(reportText(report)),
        (err) => app.fail(err),
      )
      .then(refresh)
      .catch((err) => app.fail(err))
  })

  const text = h('input', { id: 'search-text', type: 'search', placeholder: 'words, e.g. running' })
  const search = h(
    'form',
    { class: 'inline', role: 'search', 'aria-label': 'Search your data' },
    h('label', { for: 'search-collection' }, 'In'),
    collection,
    h('label', { for: 'search-text' }, 'Find'),
    text,
    h('button', { type: 'submit' }, 'Search'),
  )
  search.addEventListener('submit', (e) => {
    e.preventDefault()
    app.client
      .call('search', { collection: collection.value, text: text.value, limit: SEARCH_LIMIT })
      .then(
        (rows) => {
          const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))]
            .filter((f) => f !== 'id')
            .slice(0, 8)
          replace(
            results,
            h(
              'p',
              {},
              `${rows.length}${rows.length === SEARCH_LIMIT ? '+' : ''} record(s) in ${collection.value}`,
            ),
            rows.length > 0 &&
              h(
                'table',
                {},
                h('thead', {}, h('tr', {}, ...fields.map((f) => h('th', { scope: 'col' }, f)))),
                h(
                  'tbody',
                  {},
                  ...rows.map((r) => h('tr', {}, ...fields.map((f) => h('td', {}, cell(f, r[f]))))),
                ),
              ),
          )
        },
        (err) => app.fail(err),
      )
  })

  replace(
    root,
    h('h1', { tabindex: -1 }, 'My data'),
    h(
      'section',
      { 'aria-labelledby': 'have-title', class: 'card' },
      h('h2', { id: 'have-title' }, 'In your vault'),
      summary,
    ),
    h(
      'section',
      { 'aria-labelledby': 'import-title', class: 'card' },
      h('h2', { id: 'import-title' }, 'Add data'),
      drop,
      generate,
    ),
    h(
      'section',
      { 'aria-labelledby': 'search-title', class: 'card' },
      h('h2', { id: 'search-title' }, 'Search'),
      search,
      results,
    ),
  )
  await refresh()
}

/** Time fields (`startedAt`, `at`, `date`, …) hold ms since epoch: show them as dates. */
const isTimeField = (field: string): boolean => /(At|^at|^date|^time|Time)$/.test(field)

function cell(field: string, v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'number' && isTimeField(field)) return when(v)
  return typeof v === 'string' ? v : show(v)
}
