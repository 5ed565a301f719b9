/** "What left about me": every answer that left, to whom, and every consent decision, newest first. */

import type { TimelineItem } from '../runtime/host_api.ts'
import { h, replace, show, when } from './_dom.ts'
import type { App } from './app.ts'

const KIND_TEXT: Readonly<Record<TimelineItem['kind'], string>> = {
  left: 'Left your device',
  consent: 'Consent',
  revoke: 'Consent withdrawn',
  refusal: 'Refused a run',
  deletion: 'Deletion requested',
}

/** Renders the timeline screen. */
export async function renderLeft(root: HTMLElement, app: App): Promise<void> {
  const items = await app.client.call('timeline')
  const left = items.filter((i) => i.kind === 'left')
  replace(
    root,
    h('h1', { tabindex: -1 }, 'What left about me'),
    h(
      'p',
      { class: 'muted' },
      left.length === 0
        ? 'Nothing about you has left this device yet.'
        : `${left.length} answer(s) left this device, each sealed so only its partner can read it. Everything else stayed here.`,
    ),
    h(
      'ol',
      { class: 'timeline', id: 'timeline' },
      ...items.map((item) =>
        h(
          'li',
          { class: `event ${item.kind}`, 'data-kind': item.kind },
          h('time', { datetime: new Date(item.time).toISOString() }, when(item.time)),
          h('strong', {}, KIND_TEXT[item.kind]),
          ' · ',
          item.partner ?? '',
          ' · ',
          h('span', { class: 'muted' }, item.bundleId),
          item.kind === 'left'
            ? h(
                'p',
                {},
                h('code', {}, show(item.output)),
                item.bits === undefined ? '' : ` (at most ${item.bits.toFixed(2)} bits)`,
              )
            : h('p', { class: 'muted' }, item.detail),
        ),
      ),
    ),
  )
}
