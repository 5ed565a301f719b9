/** "Settings": the personalization dial, what each partner pays, delivery, and the demo tools. */

import { h, replace } from './_dom.ts'
import { money } from './_format.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'
import { syncSection } from './sync.ts'

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

/** Renders the settings screen. */
export async function renderSettings(root: HTMLElement, app: App): Promise<void> {
  const [dial, bills] = await Promise.all([app.client.call('dial'), app.client.call('bills')])
  const w = UI[app.lang]
  const dialSet = h(
    'fieldset',
    { class: 'dial' },
    h('legend', {}, 'How personal may answers be?'),
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
        h('span', {}, h('strong', {}, name), ` — ${text}`),
      )
    }),
  )
  const demo = h('input', { type: 'checkbox', id: 'demo-switch', checked: app.demo })
  demo.addEventListener('change', () => {
    app.setDemo(demo.checked)
    app.announce(demo.checked ? 'Demo tools shown in My data.' : 'Demo tools hidden.')
  })
  replace(
    root,
    h('h1', { tabindex: -1 }, w.settingsTitle),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'dial-title' },
      h('h2', { id: 'dial-title' }, w.personalization),
      dialSet,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'bill-title' },
      h('h2', { id: 'bill-title' }, w.billTitle),
      h(
        'p',
        { class: 'muted' },
        'Each partner pays the relay 10 cents (in its own currency) per answer delivered, at most 3.00 a year for you. You pay nothing.',
      ),
      h(
        'ul',
        { id: 'bills', class: 'bills' },
        ...bills.map((b) =>
          h(
            'li',
            { 'data-partner': b.partnerId },
            h('strong', { class: 'bill-partner' }, b.partnerName),
            h(
              'span',
              { class: 'bill-count' },
              `${b.transfers} ${b.transfers === 1 ? 'answer' : 'answers'}`,
            ),
            h('span', { class: 'bill-total' }, money(b.totalCents / 100, b.currency, app.lang)),
            h(
              'span',
              { class: 'bill-cap muted' },
              `of ${money(b.capCents / 100, b.currency, app.lang)} a year at most`,
            ),
          ),
        ),
      ),
    ),
    syncSection(app),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'demo-title' },
      h('h2', { id: 'demo-title' }, w.demoTitle),
      h(
        'label',
        { for: 'demo-switch', class: 'checkbox' },
        demo,
        'Show the demo tools (a made-up person to try the offers with) in My data',
      ),
    ),
  )
}
