/**
 * "Safety check": hostile modules run in the sandbox while the page stays usable. Each ends with
 * its error code; the counter button shows the page still answers clicks during a run.
 */

import type { ProbeKind } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'

const PROBES: readonly { kind: ProbeKind; title: string; text: string }[] = [
  {
    kind: 'endless-loop',
    title: 'Endless loop (JavaScript)',
    text: 'Stopped by the interpreter at its deadline (1 s).',
  },
  {
    kind: 'wasm-endless-loop',
    title: 'Endless loop (WebAssembly)',
    text: 'Nothing inside can stop it: its Worker is terminated at the hard deadline (1.25 s).',
  },
  {
    kind: 'native-stall',
    title: 'Stuck in a native call',
    text: 'A huge JSON.stringify the interpreter cannot interrupt: its Worker is terminated.',
  },
  {
    kind: 'memory-bomb',
    title: 'Memory bomb',
    text: 'Allocates without end inside a bounded 32 MiB memory.',
  },
]

/** Renders the safety check screen. */
export function renderSafety(root: HTMLElement, app: App): void {
  let clicks = 0
  const count = h('output', { id: 'click-count', 'aria-live': 'polite' }, '0')
  const clicker = h('button', { type: 'button', id: 'click-me' }, 'Click me while a module runs')
  clicker.addEventListener('click', () => {
    clicks++
    count.textContent = String(clicks)
  })
  const rows = PROBES.map(({ kind, title, text }) => {
    const outcome = h('output', {
      id: `probe-${kind}`,
      class: 'probe-outcome',
      'aria-live': 'polite',
    })
    const button = h('button', { type: 'button', id: `run-probe-${kind}` }, 'Run it')
    button.addEventListener('click', () => {
      button.disabled = true
      outcome.dataset['state'] = 'running'
      replace(outcome, 'running…')
      app.client
        .call('probe', kind)
        .then(
          (r) => {
            outcome.dataset['state'] = 'done'
            outcome.dataset['code'] = r.code
            outcome.dataset['hard'] = String(r.hard)
            replace(
              outcome,
              h('code', {}, r.code),
              ` — ${r.message}${r.hard ? ' (Worker terminated)' : ''}`,
            )
            app.announce(`${title}: ${r.code}`)
          },
          (e) => {
            outcome.dataset['state'] = 'failed'
            app.fail(e)
          },
        )
        .finally(() => (button.disabled = false))
    })
    return h(
      'li',
      { class: 'probe' },
      h('strong', {}, title),
      h('p', { class: 'muted' }, text),
      button,
      ' ',
      outcome,
    )
  })
  replace(
    root,
    h('h1', { tabindex: -1 }, UI[app.lang].safetyTitle),
    h(
      'p',
      { class: 'muted' },
      'Partner code runs in a sandbox Worker with no access to your vault, the network or this page. Try modules that misbehave: each is stopped and named, and this page keeps working.',
    ),
    h('p', {}, clicker, ' Clicks: ', count),
    h('ul', { class: 'probes' }, ...rows),
  )
}
