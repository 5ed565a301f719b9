/** "What left about me": every answer that left, to whom, and every consent decision, newest first. */

import type { OfferView, TimelineItem } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import { when, type Lang } from './_format.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'
import { renderAnswer } from './answer.ts'
import { hintsOf } from './offers.ts'

function detailOf(item: TimelineItem, offer: OfferView | undefined, lang: Lang): string {
  const w = UI[lang].left
  const name = offer?.partnerName ?? item.partner ?? w.thePartner
  switch (item.kind) {
    case 'consent':
      return item.detail === 'refused' ? w.declinedConsent : w.recorded
    case 'revoke':
      return w.laterRefused
    case 'refusal':
      return w.nothingRan(w.refusals[item.detail] ?? w.notAllowed)
    case 'deletion':
      return w.deleteAsked(name)
    default:
      return item.detail
  }
}

/** Renders the timeline screen. */
export async function renderLeft(root: HTMLElement, app: App): Promise<void> {
  const [items, { offers }] = await Promise.all([
    app.client.call('timeline'),
    app.client.call('offers'),
  ])
  const byBundle = new Map(offers.map((o) => [o.bundleId, o]))
  const w = UI[app.lang].left
  const left = items.filter((i) => i.kind === 'left')
  replace(
    root,
    h('h1', { tabindex: -1 }, UI[app.lang].leftTitle),
    h('p', { class: 'muted' }, left.length === 0 ? w.none : w.some(left.length)),
    h(
      'ol',
      { class: 'timeline', id: 'timeline' },
      ...items.map((item) => {
        const offer = byBundle.get(item.bundleId)
        const partner = offer?.partnerName ?? item.partner ?? ''
        return h(
          'li',
          {
            class: `event event-${item.kind}`,
            'data-kind': item.kind,
            'data-bundle': item.bundleId,
          },
          h('time', { datetime: new Date(item.time).toISOString() }, when(item.time, app.lang)),
          h('p', { class: 'event-title' }, h('strong', {}, w.kinds[item.kind]), ` · ${partner}`),
          offer && h('p', { class: 'muted purpose' }, offer.purpose),
          item.kind === 'left'
            ? renderAnswer(item.output, offer?.outputSchema, {
                lang: app.lang,
                hints: hintsOf(item.bundleId),
              })
            : h('p', { class: 'muted' }, detailOf(item, offer, app.lang)),
        )
      }),
    ),
  )
}
