/** A tiny DOM builder: `h('button', { type: 'button', onclick }, 'Run')`. Text is never parsed as HTML. */

type Child = Node | string | number | false | null | undefined
type Attrs = Readonly<Record<string, string | number | boolean | EventListener | undefined>>

/** Creates an element with attributes (`on*` become listeners; `true` sets a boolean attribute). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') el.addEventListener(name.slice(2), value)
    else if (value === true) el.setAttribute(name, '')
    else el.setAttribute(name, String(value))
  }
  append(el, children)
  return el
}

/** Appends children, skipping empty ones. */
export function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue
    el.append(typeof c === 'number' ? String(c) : c)
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: readonly Child[]): void {
  el.replaceChildren()
  append(el, children)
}
