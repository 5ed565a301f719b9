/**
 * An answer as a person reads it, built from the bundle's output schema: each field's label (its
 * display hint, else the first clause of its `description`), values in words, amounts in their
 * currency, dates in the person's locale, charts where the hints ask for them, and the exact
 * canonical JSON one click away.
 *
 * @example
 * root.append(renderAnswer(run.output, offer.outputSchema, { lang: 'en', hints, id: 'output-x' }))
 */

import { stableJson } from '../../../runtime/digest.ts'
import { h } from './_dom.ts'
import { humanize, localeOf, money, number, valueWords, type Lang } from './_format.ts'
import { barChart, rankingChart } from './charts.ts'
import { localized, type DisplayHint, type DisplayHints } from './display_hints.ts'

type Schema = Readonly<Record<string, unknown>>

/** A record of the person's vault that an answer points to (a post, by its id). */
export interface LinkedRecord {
  readonly text?: string
  readonly url?: string
}

/** What rendering needs besides the value and its schema. */
export interface AnswerContext {
  readonly lang: Lang
  readonly hints: DisplayHints
  /** Element id of the exact JSON (`<code>`), for tests and links. */
  readonly id?: string
  /** Records the answer points to, by collection then id. */
  readonly records?: ReadonlyMap<string, ReadonlyMap<string, LinkedRecord>>
}

const WORDS = {
  en: {
    yes: 'Yes',
    no: 'No',
    unknown: 'Not known',
    exact: 'The exact answer, as data',
    none: 'None',
    open: 'Open the post',
    andMore: (n: number) => `and ${n} more`,
  },
  fr: {
    yes: 'Oui',
    no: 'Non',
    unknown: 'Inconnu',
    exact: 'La réponse exacte, sous forme de données',
    none: 'Aucun',
    open: 'Ouvrir la publication',
    andMore: (n: number) => `et ${n} de plus`,
  },
} as const

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const LIST_LIMIT = 50

/** The answer rendered for a person, with its exact JSON behind a disclosure. */
export function renderAnswer(value: unknown, schema: unknown, ctx: AnswerContext): HTMLElement {
  const node = isObject(schema) ? schema : {}
  const body = new Renderer(ctx).root(node, value)
  return h(
    'div',
    { class: 'answer', lang: ctx.lang },
    body,
    h(
      'details',
      { class: 'raw' },
      h('summary', {}, WORDS[ctx.lang].exact),
      h('pre', {}, h('code', ctx.id ? { id: ctx.id } : {}, stableJson(value))),
    ),
  )
}

/** The answer as one short line (for the status line and lists): its first visible field. */
export function answerLine(value: unknown, schema: unknown, ctx: AnswerContext): string {
  const r = new Renderer(ctx)
  const node = isObject(schema) ? schema : {}
  if (!isObject(value)) return r.scalarText(node, value, '', [])
  const parts: string[] = []
  for (const [key, child] of orderedProperties(node)) {
    const path = key
    const hint = r.hint(child as Schema, path)
    if (hint.hidden || hint.chart || !(key in value)) continue
    const v = value[key]
    if (Array.isArray(v) || isObject(v)) continue
    parts.push(
      `${r.label(child as Schema, key, path)}: ${r.scalarText(child as Schema, v, path, [value])}`,
    )
  }
  return parts.join(' · ')
}

/** The output paths whose values name vault records, with those values (to fetch them first). */
export function linkedRecordIds(
  value: unknown,
  schema: unknown,
  hints: DisplayHints,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  const walk = (node: unknown, v: unknown, path: string): void => {
    if (!isObject(node)) return
    const hint = { ...(hints[path] ?? {}), ...((node['x-display'] as DisplayHint) ?? {}) }
    if (hint.record && typeof v === 'string') {
      const set = out.get(hint.record) ?? new Set<string>()
      set.add(v)
      out.set(hint.record, set)
    }
    if (Array.isArray(v)) for (const item of v) walk(node['items'], item, `${path}[]`)
    else if (isObject(v) && isObject(node['properties'])) {
      for (const [k, child] of Object.entries(node['properties'])) {
        walk(child, v[k], path === '' ? k : `${path}.${k}`)
      }
    }
  }
  walk(schema, value, '')
  return out
}

/**
 * An object schema's properties in the partner's order: signing canonicalizes the manifest (keys
 * sorted), but `required` keeps the order it was written in; the others follow.
 */
function orderedProperties(node: Schema): [string, Schema][] {
  const props = isObject(node['properties']) ? (node['properties'] as Record<string, Schema>) : {}
  const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : []
  const rank = (k: string): number => {
    const i = required.indexOf(k)
    return i === -1 ? required.length : i
  }
  return Object.entries(props).sort(([a], [b]) => rank(a) - rank(b))
}

/** One field of an object answer, rendered. */
interface Field {
  readonly label: string
  readonly content: Node
  /** A scalar, shown beside its label. */
  readonly inline: boolean
  /** A chart, whose caption is its label. */
  readonly captioned?: boolean
}

class Renderer {
  readonly #ctx: AnswerContext
  readonly #w: (typeof WORDS)[Lang]

  constructor(ctx: AnswerContext) {
    this.#ctx = ctx
    this.#w = WORDS[ctx.lang]
  }

  hint(node: Schema, path: string): DisplayHint {
    const own = isObject(node['x-display']) ? (node['x-display'] as DisplayHint) : {}
    // The items of an array of values read as the array's hint says (`values`, `template`…).
    const ofArray = path.endsWith('[]') ? (this.#ctx.hints[path.slice(0, -2)] ?? {}) : {}
    const { label: _label, chart: _chart, hidden: _hidden, ...inherited } = ofArray
    return { ...inherited, ...(this.#ctx.hints[path] ?? {}), ...own }
  }

  /** The field's name: its hint, else the first clause of its description, else its key. */
  label(node: Schema, key: string, path: string): string {
    const fromHint = localized(this.hint(node, path).label, this.#ctx.lang)
    if (fromHint) return fromHint
    const d = node['description']
    if (typeof d === 'string' && d.trim() !== '') {
      const first = d.split(/[;:]|, (?:or|otherwise|only|as|in|recent)\b| \(/)[0]!.trim()
      return first.charAt(0).toUpperCase() + first.slice(1)
    }
    return humanize(key)
  }

  root(node: Schema, value: unknown): HTMLElement {
    if (!isObject(value) || !isObject(node['properties'])) {
      return h('p', { class: 'answer-sentence' }, this.scalarText(node, value, '', []))
    }
    const fields = this.fields(node, value, '', [value])
    // One field: a sentence ("Your shoe size: EU 37"). More: a list of label and value.
    if (fields.length === 1 && fields[0]!.inline) {
      const f = fields[0]!
      const colon = this.#ctx.lang === 'fr' ? ' : ' : ': '
      return h('p', { class: 'answer-sentence' }, `${f.label}${colon}`, h('strong', {}, f.content))
    }
    return this.fieldList(fields)
  }

  fields(
    node: Schema,
    value: Readonly<Record<string, unknown>>,
    path: string,
    ancestors: readonly unknown[],
  ): Field[] {
    const out: Field[] = []
    for (const [key, child] of orderedProperties(node)) {
      if (!(key in value)) continue
      const p = path === '' ? key : `${path}.${key}`
      const hint = this.hint(child, p)
      if (hint.hidden) continue
      const v = value[key]
      if (Array.isArray(v) && v.length === 0 && !hint.chart) {
        if (p === 'otherCurrencies' || hint.label === undefined) continue
      }
      const label = this.label(child, key, p)
      const content = this.value(child, v, p, ancestors, label)
      if (!content) continue
      // A chart carries its own caption: no second label above it.
      // Scalars and short lists of values sit beside their label; records and charts below it.
      const inline = Array.isArray(v)
        ? !hint.chart && !v.some((i) => isObject(i) || Array.isArray(i))
        : !isObject(v)
      out.push({ label, content, inline, captioned: !!hint.chart })
    }
    return out
  }

  fieldList(fields: readonly Field[]): HTMLElement {
    return h(
      'dl',
      { class: 'answer-fields' },
      ...fields.flatMap((f) => [
        !f.captioned && h('dt', {}, f.label),
        h('dd', { class: f.inline ? '' : 'block' }, f.content),
      ]),
    )
  }

  value(
    node: Schema,
    v: unknown,
    path: string,
    ancestors: readonly unknown[],
    label: string,
  ): Node | undefined {
    const hint = this.hint(node, path)
    if (Array.isArray(v)) return this.array(node, v, path, ancestors, label, hint)
    if (isObject(v) && isObject(node['properties'])) {
      const fields = this.fields(node, v, path, [v, ...ancestors])
      return fields.length > 0 ? this.fieldList(fields) : undefined
    }
    if (hint.record && typeof v === 'string') return this.record(hint.record, v)
    return document.createTextNode(this.scalarText(node, v, path, ancestors))
  }

  array(
    node: Schema,
    items: readonly unknown[],
    path: string,
    ancestors: readonly unknown[],
    label: string,
    hint: DisplayHint,
  ): Node | undefined {
    const itemNode = isObject(node['items']) ? node['items'] : {}
    const chart = hint.chart
    if (chart?.kind === 'bars') {
      const names = chart.labels ? this.sibling(chart.labels, ancestors) : undefined
      const currency = this.currencyOf(hint, ancestors)
      return barChart(
        label,
        items.map((item, i) => {
          const n = typeof item === 'number' ? item : 0
          return {
            label: this.tick(Array.isArray(names) ? names[i] : undefined, i),
            value: n,
            text: this.amount(n, currency),
          }
        }),
      )
    }
    if (chart?.kind === 'ranking') {
      const names = chart.labels ? this.sibling(chart.labels, ancestors) : undefined
      const currency = this.currencyOf(hint, ancestors)
      return rankingChart(
        label,
        items.filter(isObject).map((item) => {
          const name = String(item[chart.label] ?? '')
          const total = Number(item[chart.value] ?? 0)
          const series = chart.series ? item[chart.series] : undefined
          return {
            label: valueWords(name, this.#ctx.lang),
            value: total,
            text: this.amount(total, currency),
            ...(Array.isArray(series)
              ? {
                  series: {
                    title: `${valueWords(name, this.#ctx.lang)}: ${series
                      .map(
                        (s, i) =>
                          `${this.tick(Array.isArray(names) ? names[i] : undefined, i)} ${this.amount(Number(s), currency)}`,
                      )
                      .join(', ')}`,
                    values: series.map(Number),
                  },
                }
              : {}),
          }
        }),
      )
    }
    if (items.length === 0) return document.createTextNode(this.#w.none)
    if (items.every((i) => !isObject(i) && !Array.isArray(i))) {
      const words = items.map((i) => this.scalarText(itemNode, i, `${path}[]`, ancestors))
      return document.createTextNode(words.join(', '))
    }
    const shown = items.slice(0, LIST_LIMIT)
    return h(
      'ul',
      { class: 'answer-list' },
      ...shown.map((item) => {
        const content = this.value(itemNode, item, `${path}[]`, ancestors, label)
        return h('li', {}, content ?? '')
      }),
      items.length > shown.length &&
        h('li', { class: 'muted' }, this.#w.andMore(items.length - shown.length)),
    )
  }

  /** A record of the vault the answer names: its text and link when the vault has it. */
  record(collection: string, id: string): Node {
    const rec = this.#ctx.records?.get(collection)?.get(id)
    if (!rec) return document.createTextNode(id)
    const text = rec.text ?? id
    return h(
      'span',
      { class: 'linked' },
      h('q', {}, text.length > 280 ? `${text.slice(0, 279)}…` : text),
      rec.url && /^https?:\/\//.test(rec.url)
        ? h(
            'a',
            { href: rec.url, target: '_blank', rel: 'noopener noreferrer', class: 'post-link' },
            this.#w.open,
          )
        : undefined,
    )
  }

  sibling(name: string, ancestors: readonly unknown[]): unknown {
    for (const a of ancestors) if (isObject(a) && name in a) return a[name]
    return undefined
  }

  currencyOf(hint: DisplayHint, ancestors: readonly unknown[]): string | undefined {
    const c = hint.currency
    if (c === undefined) return undefined
    if (typeof c === 'string') return c
    const v = this.sibling(c.field, ancestors)
    return typeof v === 'string' ? v : undefined
  }

  amount(n: number, currency: string | undefined): string {
    return currency
      ? money(n, currency, this.#ctx.lang).replace(/[.,]00(?=\D*$)/, '')
      : number(n, this.#ctx.lang)
  }

  /** A chart tick: `2026-03` → "Mar", else the label as given. */
  tick(label: unknown, i: number): string {
    if (typeof label === 'string' && /^\d{4}-\d{2}$/.test(label)) {
      const d = new Date(`${label}-01T00:00:00Z`)
      return d.toLocaleDateString(localeOf(this.#ctx.lang), { month: 'short', timeZone: 'UTC' })
    }
    return typeof label === 'string' ? label : String(i + 1)
  }

  scalarText(node: Schema, v: unknown, path: string, ancestors: readonly unknown[]): string {
    const hint = this.hint(node, path)
    const lang = this.#ctx.lang
    const said = localized(hint.values?.[String(v)], lang)
    if (said !== undefined) return said
    let text: string
    if (v === null || v === undefined) {
      return this.#w.unknown
    } else if (typeof v === 'boolean') {
      text = v ? this.#w.yes : this.#w.no
    } else if (typeof v === 'number') {
      const currency = this.currencyOf(hint, ancestors)
      text = currency ? this.amount(v, currency) : number(v, lang)
    } else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      text = new Date(`${v}T00:00:00Z`).toLocaleDateString(localeOf(lang), {
        dateStyle: 'medium',
        timeZone: 'UTC',
      })
    } else if (typeof v === 'string' && Array.isArray(node['enum'])) {
      text = valueWords(v, lang)
    } else {
      text = typeof v === 'string' ? v : JSON.stringify(v)
    }
    const template = localized(hint.template, lang)
    return template ? template.replace('{value}', text) : text
  }
}
