/**
 * Settings → "Delivery": the relay this vault syncs with (its address and the operator key the
 * device pins, kept in the vault), "Sync now" and where every sealed answer stands: waiting here, with the relay, delivered with the relay's
 * signed receipt, or returned. Without a relay, answers are handed over on the device as before.
 */

import { stableJson } from '../../../runtime/digest.ts'
import type { DeliveryView, SyncView } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import { when } from './_format.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'
import { answerLine } from './answer.ts'
import { hintsOf } from './offers.ts'

const slug = (s: string): string => s.replace(/[^a-z0-9]+/gi, '-')

/** The delivery list: one line per envelope, its state in words, the exact answer one click away. */
function deliveryList(
  app: App,
  items: readonly DeliveryView[],
  schemas: ReadonlyMap<string, unknown>,
): HTMLElement {
  const w = UI[app.lang].relay
  if (items.length === 0) return h('p', { id: 'deliveries', class: 'muted' }, w.noDeliveries)
  return h(
    'ul',
    { id: 'deliveries', class: 'bills deliveries' },
    ...items.map((d) =>
      h(
        'li',
        { 'data-envelope': d.envelopeId, 'data-state': d.state, 'data-bundle': d.bundleId },
        h('strong', { class: 'delivery-partner' }, d.partnerName),
        d.kind === 'answer' &&
          schemas.has(d.bundleId) &&
          h(
            'span',
            { class: 'delivery-answer' },
            answerLine(d.output, schemas.get(d.bundleId), {
              lang: app.lang,
              hints: hintsOf(d.bundleId),
            }),
          ),
        h(
          'span',
          { class: 'delivery-state' },
          `${d.kind === 'deletion' ? w.deletion : w.answer}: ${w.states[d.state]}` +
            (d.state === 'delivered' && d.deliveredAt !== undefined
              ? ` ${w.at(when(d.deliveredAt, app.lang))}`
              : ''),
        ),
        h(
          'details',
          { class: 'raw' },
          h('summary', {}, UI[app.lang].relay.answer),
          h(
            'pre',
            {},
            h('code', { id: `delivery-output-${slug(d.envelopeId)}` }, stableJson(d.output)),
          ),
        ),
      ),
    ),
  )
}

/** The Settings section about delivery: the relay, "Sync now" and the delivery list. */
export async function syncSection(app: App): Promise<HTMLElement> {
  const w = UI[app.lang].relay
  const [settings, deliveries, installed] = await Promise.all([
    app.client.call('relaySettings'),
    app.client.call('deliveries'),
    app.client.call('offers'),
  ])
  // Each answer in words needs its bundle's output schema.
  const schemas = new Map(installed.offers.map((o) => [o.bundleId, o.outputSchema]))
  const url = h('input', {
    id: 'relay-url',
    type: 'url',
    inputmode: 'url',
    autocomplete: 'off',
    placeholder: w.urlHint,
    value: settings?.url ?? '',
  })
  const key = h('input', {
    id: 'relay-key',
    type: 'text',
    autocomplete: 'off',
    spellcheck: false,
    value: settings?.operatorKey ?? '',
  })
  const form = h(
    'form',
    { id: 'relay-form', class: 'stack', 'aria-label': w.save },
    h('label', { for: 'relay-url' }, w.url),
    url,
    h('label', { for: 'relay-key' }, w.key),
    key,
    h('button', { type: 'submit', id: 'relay-save' }, w.save),
  )
  const body = h('div', { id: 'relay-body' })
  const section = h(
    'section',
    { class: 'card', id: 'sync', 'aria-labelledby': 'sync-title' },
    h('h2', { id: 'sync-title' }, UI[app.lang].delivery),
    h('p', { class: 'muted' }, w.intro),
    form,
    body,
  )

  const report = h('p', { id: 'sync-report', class: 'muted' })
  const listBox = h('div', {}, deliveryList(app, deliveries, schemas))

  const showSync = (r: SyncView): void => {
    replace(report, w.pulled(r.pushesApplied, r.pushesRefused))
    replace(listBox, deliveryList(app, r.deliveries, schemas))
    app.announce(w.synced(r.posted, r.delivered + r.deletionAcks, r.pushesApplied))
  }

  const syncButton = h('button', { type: 'button', id: 'sync-now', class: 'primary' }, w.syncNow)
  syncButton.addEventListener('click', () => {
    syncButton.disabled = true
    app.announce(w.syncing)
    app.client
      .call('sync')
      .then(showSync, (e) => app.fail(e))
      .finally(() => (syncButton.disabled = false))
  })

  const showBody = (on: boolean): void => {
    if (!on) {
      replace(body, h('p', { class: 'muted' }, UI[app.lang].settings.deliveryNote))
      return
    }
    replace(
      body,
      h('p', { id: 'relay-offers-where', class: 'muted' }, w.offersWhere),
      h('h3', { id: 'sync-now-title' }, w.syncTitle),
      syncButton,
      report,
    )
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    app.client.call('setRelay', url.value, key.value).then(
      (saved) => {
        app.announce(saved ? w.saved : w.removed)
        showBody(saved !== null)
      },
      (err) => app.fail(err),
    )
  })

  showBody(settings !== null)
  section.append(h('h3', { id: 'deliveries-title' }, w.deliveriesTitle), listBox)
  return section
}
