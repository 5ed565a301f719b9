/**
 * Small SVG charts drawn here, offline, with no library: bars over time and a ranking with a
 * small chart per row. Each says in words what it draws (`aria-label`), so a screen reader gets
 * the figures, and scales with its container (no fixed width, so no horizontal scroll on a phone).
 */

import { h } from './_dom.ts'

const SVG = 'http://www.w3.org/2000/svg'

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>>,
  ...children: readonly (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
  el.append(...children)
  return el
}

/** One bar: its label under it and its value, as text. */
export interface Bar {
  readonly label: string
  readonly value: number
  readonly text: string
}

const WIDTH = 360
const HEIGHT = 170
const BOTTOM = 22
const TOP = 14

/** Vertical bars, one per item (months, weeks…), with the largest value written above its bar. */
export function barChart(title: string, bars: readonly Bar[]): HTMLElement {
  const max = Math.max(0, ...bars.map((b) => b.value))
  const slot = WIDTH / Math.max(1, bars.length)
  const plot = HEIGHT - BOTTOM - TOP
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'chart bars',
    role: 'img',
    'aria-label': `${title}: ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}`,
  })
  chart.append(
    svg('line', {
      x1: 0,
      x2: WIDTH,
      y1: HEIGHT - BOTTOM + 0.5,
      y2: HEIGHT - BOTTOM + 0.5,
      class: 'axis',
    }),
  )
  bars.forEach((b, i) => {
    const height = max > 0 ? Math.max(b.value > 0 ? 1 : 0, (b.value / max) * plot) : 0
    const x = i * slot + slot * 0.15
    const rect = svg('rect', {
      x: x.toFixed(1),
      y: (HEIGHT - BOTTOM - height).toFixed(1),
      width: (slot * 0.7).toFixed(1),
      height: height.toFixed(1),
      class: b.value === max && max > 0 ? 'bar top' : 'bar',
      'data-value': b.value,
    })
    rect.append(svg('title', {}, `${b.label}: ${b.text}`))
    chart.append(rect)
    chart.append(
      svg('text', { x: (i * slot + slot / 2).toFixed(1), y: HEIGHT - 7, class: 'tick' }, b.label),
    )
    if (b.value === max && max > 0) {
      chart.append(
        svg(
          'text',
          { x: (i * slot + slot / 2).toFixed(1), y: HEIGHT - BOTTOM - height - 4, class: 'peak' },
          b.text,
        ),
      )
    }
  })
  return h('figure', { class: 'figure' }, h('figcaption', {}, title), chart as unknown as Node)
}

/** A tiny bar chart for one row of a ranking (a category's months). */
export function sparkBars(title: string, values: readonly number[]): SVGSVGElement {
  const w = 96
  const hgt = 24
  const max = Math.max(0, ...values)
  const slot = w / Math.max(1, values.length)
  const chart = svg('svg', {
    viewBox: `0 0 ${w} ${hgt}`,
    class: 'chart spark',
    role: 'img',
    'aria-label': title,
  })
  values.forEach((v, i) => {
    const height = max > 0 ? Math.max(v > 0 ? 1 : 0, (v / max) * hgt) : 0
    chart.append(
      svg('rect', {
        x: (i * slot + 1).toFixed(1),
        y: (hgt - height).toFixed(1),
        width: Math.max(1, slot - 2).toFixed(1),
        height: height.toFixed(1),
        class: 'bar',
      }),
    )
  })
  return chart
}

/** One row of a ranking: a name, a value, its bar's share of the largest, an optional small chart. */
export interface RankRow {
  readonly label: string
  readonly value: number
  readonly text: string
  readonly series?: { readonly title: string; readonly values: readonly number[] }
}

/** Horizontal bars, largest first as given, each with its figure and its own small chart. */
export function rankingChart(title: string, rows: readonly RankRow[]): HTMLElement {
  const max = Math.max(0, ...rows.map((r) => r.value))
  return h(
    'figure',
    { class: 'figure' },
    h('figcaption', {}, title),
    h(
      'ol',
      { class: 'ranking' },
      ...rows.map((r) =>
        h(
          'li',
          {},
          h('span', { class: 'rank-label' }, r.label),
          h('span', { class: 'rank-value' }, r.text),
          h(
            'span',
            { class: 'rank-bar', 'aria-hidden': 'true' },
            h('span', {
              style: `width:${max > 0 ? ((r.value / max) * 100).toFixed(1) : 0}%`,
            }),
          ),
          r.series && (sparkBars(r.series.title, r.series.values) as unknown as Node),
        ),
      ),
    ),
  )
}
