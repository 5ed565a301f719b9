/**
 * Where answers go after they are sealed. This demo has no relay: the runtime Worker hands each
 * envelope over as soon as it is queued (`HostService.#deliverPending`). A relay setting and a
 * "sync now" button belong in this section: the relay's address, the last sync, and a call to the
 * runtime Worker that posts the outbox and pulls partner pushes.
 */

import { h } from './_dom.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'

/** The Settings section about delivery (a relay goes here). */
export function syncSection(app: App): HTMLElement {
  return h(
    'section',
    { class: 'card', id: 'sync', 'aria-labelledby': 'sync-title' },
    h('h2', { id: 'sync-title' }, UI[app.lang].delivery),
    h('p', { class: 'muted' }, UI[app.lang].settings.deliveryNote),
  )
}
