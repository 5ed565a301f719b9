/**
 * Settings → "Delivery": the relay this vault syncs with (its address and the operator key the
 * device pins, kept in the vault), the offers partners published on it (added to the person's
 * offers only after the runtime Worker checked each bundle against its partner's key), "Sync now"
 * and where every sealed answer stands: waiting here, with the relay, delivered with the relay's
 * signed receipt, or returned. Without a relay, answers are handed over on the device as before.
 */

import { stableJson } from '../../../runtime/digest.ts'
import type { DeliveryView, RelayOfferView, SyncView } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import { when } from './_format.ts'
import { describeError, errorCode, type App } from './app.ts'
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

/** The Settings section about delivery: the relay, its offers, "Sync now" and the delivery list. */
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

  const offersList = h('div', { id: 'relay-offers-box' })
  const report = h('p', { id: 'sync-report', class: 'muted' })
  const listBox = h('div', {}, deliveryList(app, deliveries, schemas))

  const showOffers = (offers: readonly RelayOfferView[]): void => {
    if (offers.length === 0) {
      replace(offersList, h('p', { id: 'relay-offers', class: 'muted' }, w.noOffers))
      return
    }
    replace(
      offersList,
      h(
        'ul',
        { id: 'relay-offers', class: 'bills relay-offers' },
        ...offers.map((o) => {
          const id = `relay-offer-${o.digest.slice(0, 16)}`
          let action: HTMLElement
          if (o.withdrawn) action = h('span', { class: 'muted' }, w.withdrawnOffer)
          else if (o.installed) action = h('span', { class: 'relay-installed' }, w.added)
          else {
            const add = h('button', { type: 'button', id: `${id}-add` }, w.add)
            add.addEventListener('click', () => {
              add.disabled = true
              app.client.call('installRelayOffer', o.digest).then(
                () => {
                  app.announce(w.addedNow(o.partnerName))
                  void loadOffers()
                },
                (e) => {
                  add.disabled = false
                  app.fail(e)
                },
              )
            })
            action = add
          }
          return h(
            'li',
            { id, 'data-digest': o.digest, 'data-bundle': o.bundleId },
            h('strong', { class: 'relay-partner' }, o.partnerName),
            h('span', { class: 'muted' }, `${o.bundleId}, ${w.version(o.version)}`),
            action,
          )
        }),
      ),
    )
  }

  const loadOffers = async (): Promise<void> => {
    replace(offersList, h('p', { class: 'muted' }, w.loading))
    try {
      showOffers(await app.client.call('relayOffers'))
    } catch (e) {
      if (errorCode(e) === 'SEALPOST_VAULT_LOCKED') return app.fail(e)
      replace(
        offersList,
        h(
          'p',
          { id: 'relay-offers', class: 'refused', 'data-code': errorCode(e) ?? '' },
          describeError(e),
        ),
      )
    }
  }

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
      h('h3', { id: 'relay-offers-title' }, w.offersTitle),
      h('p', { class: 'muted' }, w.offersNote),
      offersList,
      h('h3', { id: 'sync-now-title' }, w.syncTitle),
      syncButton,
      report,
    )
    void loadOffers()
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
