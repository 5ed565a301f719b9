/** "Settings and bill": the personalization dial and what each partner pays for deliveries. */

import { h, replace } from './_dom.ts'
import type { App } from './app.ts'

const LEVELS = [
  {
    level: 1,
    name: 'Basic',
    text: 'Only simple, coarse answers (for example your favourite sport).',
  },
  {
    level: 2,
    name: 'Intermediate',
    text: 'Answers that personalize offers (for example your shoe size).',
  },
  { level: 3, name: 'Deep', text: 'Detailed profiles, when you want the most tailored service.' },
] as const

const euros = (cents: number): string => `$${(cents / 100).toFixed(2)}`

/** Renders the settings screen. */
export async function renderSettings(root: HTMLElement, app: App): Promise<void> {
  const [dial, bills] = await Promise.all([app.client.call('dial'), app.client.call('bills')])
  const dialSet = h(
    'fieldset',
    { class: 'dial' },
    h('legend', {}, 'Personalization dial'),
    ...LEVELS.map(({ level, name, text }) => {
      const input = h('input', {
        type: 'radio',
        name: 'dial',
        id: `dial-${level}`,
        value: level,
        checked: level === dial,
      })
      input.addEventListener('change', () => {
        app.client.call('setDial', level).then(
          () => app.announce(`Personalization set to ${name}: offers above it will not run.`),
          (e) => app.fail(e),
        )
      })
      return h(
        'label',
        { for: `dial-${level}`, class: 'radio block' },
        input,
        h('strong', {}, `${level} · ${name}`),
        ` — ${text}`,
      )
    }),
  )
  replace(
    root,
    h('h1', { tabindex: -1 }, 'Settings and bill'),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'dial-title' },
      h('h2', { id: 'dial-title' }, 'How personal may answers be?'),
      dialSet,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'bill-title' },
      h('h2', { id: 'bill-title' }, 'The bill per partner, this year'),
      h(
        'p',
        { class: 'muted' },
        'Partners pay the relay 10 cents per delivered answer, at most $3.00 a year for you. You pay nothing.',
      ),
      h(
        'table',
        { id: 'bills' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Partner'),
            h('th', { scope: 'col' }, 'Deliveries'),
            h('th', { scope: 'col' }, 'Billed'),
            h('th', { scope: 'col' }, 'Yearly cap'),
          ),
        ),
        h(
          'tbody',
          {},
          ...bills.map((b) =>
            h(
              'tr',
              { 'data-partner': b.partnerId },
              h('th', { scope: 'row' }, b.partnerId),
              h('td', { class: 'num' }, b.transfers),
              h('td', { class: 'num' }, euros(b.totalCents)),
              h('td', { class: 'num' }, euros(b.capCents)),
            ),
          ),
        ),
      ),
    ),
  )
}
