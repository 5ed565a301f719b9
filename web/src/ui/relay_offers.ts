/**
 * "Offers" → "Offers on the relay": what partners published on the relay this vault syncs with.
 * Each one is added to the person's offers only after the runtime Worker checked its bundle
 * against the partner's key; the person then reads and decides on the offer's own card.
 */

import type { RelayOfferView } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import { describeError, errorCode, type App } from './app.ts'
import { UI } from './_i18n.ts'

/**
 * The relay's offers as a card, or `null` when the vault has no relay. `onAdded` runs after an
 * offer was verified and installed, so the screen can show its card.
 */
export async function relayOffersCard(app: App, onAdded: () => void): Promise<HTMLElement | null> {
  if ((await app.client.call('relaySettings')) === null) return null
  const w = UI[app.lang].relay
  const box = h('div', { id: 'relay-offers-box' })

  const show = (offers: readonly RelayOfferView[]): void => {
    if (offers.length === 0) {
      replace(box, h('p', { id: 'relay-offers', class: 'muted' }, w.noOffers))
      return
    }
    replace(
      box,
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
                  onAdded()
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

  replace(box, h('p', { class: 'muted' }, w.loading))
  app.client.call('relayOffers').then(show, (e) => {
    if (errorCode(e) === 'SEALPOST_VAULT_LOCKED') return app.fail(e)
    replace(
      box,
      h(
        'p',
        { id: 'relay-offers', class: 'refused', 'data-code': errorCode(e) ?? '' },
        describeError(e),
      ),
    )
  })
  return h(
    'section',
    { class: 'card', id: 'relay-offers-card', 'aria-labelledby': 'relay-offers-title' },
    h('h2', { id: 'relay-offers-title' }, w.offersTitle),
    h('p', { class: 'muted' }, w.offersNote),
    box,
  )
}
