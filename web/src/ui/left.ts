/** "What left about me": every answer that left, to whom, and every consent decision, newest first. */

import type { OfferView, TimelineItem } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import { when } from './_format.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'
import { renderAnswer } from './answer.ts'
import { hintsOf } from './offers.ts'

const KIND_TEXT: Readonly<Record<TimelineItem['kind'], string>> = {
  left: 'Sent',
  consent: 'You agreed',
  revoke: 'You withdrew consent',
  refusal: 'A run was refused',
  deletion: 'Deletion asked',
}

/** Why a run was refused, in words, by the runtime's code. */
const REFUSAL_TEXT: Readonly<Record<string, string>> = {
  SEALPOST_CONSENT_REVOKED: 'you had withdrawn your consent',
  SEALPOST_NO_CONSENT: 'there was no consent for it',
  SEALPOST_CONSENT_EXPIRED: 'your consent had expired',
  SEALPOST_PERSONALIZATION: 'your personalization setting is below its level',
  SEALPOST_BUDGET_SPENT: 'the partner had learnt its daily limit',
  DECLINED_AFTER_PREVIEW: 'you chose not to send the previewed answer',
}

function detailOf(item: TimelineItem, offer: OfferView | undefined): string {
  const name = offer?.partnerName ?? item.partner ?? 'the partner'
  switch (item.kind) {
    case 'consent':
      return item.detail === 'refused' ? 'You declined.' : 'Consent recorded on this device.'
    case 'revoke':
      return 'Every later run is refused.'
    case 'refusal':
      return `Nothing ran: ${REFUSAL_TEXT[item.detail] ?? 'it was not allowed'}.`
    case 'deletion':
      return `${name} was asked to delete what it received.`
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
  const left = items.filter((i) => i.kind === 'left')
  replace(
    root,
    h('h1', { tabindex: -1 }, UI[app.lang].leftTitle),
    h(
      'p',
      { class: 'muted' },
      left.length === 0
        ? 'Nothing about you has left this device yet.'
        : `${left.length} ${left.length === 1 ? 'answer' : 'answers'} left this device, each sealed so only its partner can read it. Everything else stayed here.`,
    ),
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
          h('p', { class: 'event-title' }, h('strong', {}, KIND_TEXT[item.kind]), ` · ${partner}`),
          offer && h('p', { class: 'muted purpose' }, offer.purpose),
          item.kind === 'left'
            ? renderAnswer(item.output, offer?.outputSchema, {
                lang: app.lang,
                hints: hintsOf(item.bundleId),
              })
            : h('p', { class: 'muted' }, detailOf(item, offer)),
        )
      }),
    ),
  )
}
