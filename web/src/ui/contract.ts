/** The runtime's generated contract text, laid out as HTML without changing a word. */

import { h } from './_dom.ts'

/** Paragraphs at blank lines; `  - item` lines become a list; a `Label:` line starts a paragraph. */
export function contractHtml(text: string, lang: 'en' | 'fr'): HTMLElement {
  const root = h('div', { class: 'contract', lang })
  for (const block of text.trim().split(/\n\s*\n/)) {
    const lines = block.split('\n')
    let list: HTMLUListElement | undefined
    for (const line of lines) {
      const item = /^\s+-\s+(.*)$/.exec(line)
      if (item) {
        list ??= root.appendChild(h('ul'))
        list.append(h('li', {}, item[1] ?? ''))
      } else {
        list = undefined
        root.append(h('p', {}, line))
      }
    }
  }
  return root
}
