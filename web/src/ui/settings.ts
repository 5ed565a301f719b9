/** "Settings": the personalization dial, what each partner pays, delivery (the relay), and the demo tools. */

import { h, replace } from './_dom.ts'
import { money } from './_format.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'
import { syncSection } from './sync.ts'

/** Renders the settings screen. */
export async function renderSettings(root: HTMLElement, app: App): Promise<void> {
  const [dial, bills, delivery] = await Promise.all([
    app.client.call('dial'),
    app.client.call('bills'),
    syncSection(app),
  ])
  const w = UI[app.lang]
  const ws = w.settings
  const levels = ws.levels.map(([name, text], i) => ({ level: (i + 1) as 1 | 2 | 3, name, text }))
  const dialSet = h(
    'fieldset',
    { class: 'dial' },
    h('legend', {}, ws.dialLegend),
    ...levels.map(({ level, name, text }) => {
      const input = h('input', {
        type: 'radio',
        name: 'dial',
        id: `dial-${level}`,
        value: level,
        checked: level === dial,
      })
      input.addEventListener('change', () => {
        app.client.call('setDial', level).then(
          () => app.announce(ws.dialSet(name)),
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
    app.announce(demo.checked ? ws.demoOn : ws.demoOff)
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
      h('p', { class: 'muted' }, ws.billNote),
      h(
        'ul',
        { id: 'bills', class: 'bills' },
        ...bills.map((b) =>
          h(
            'li',
            { 'data-partner': b.partnerId },
            h('strong', { class: 'bill-partner' }, b.partnerName),
            h('span', { class: 'bill-count' }, ws.answers(b.transfers)),
            h('span', { class: 'bill-total' }, money(b.totalCents / 100, b.currency, app.lang)),
            h(
              'span',
              { class: 'bill-cap muted' },
              ws.cap(money(b.capCents / 100, b.currency, app.lang)),
            ),
          ),
        ),
      ),
    ),
    delivery,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'demo-title' },
      h('h2', { id: 'demo-title' }, w.demoTitle),
      h('label', { for: 'demo-switch', class: 'checkbox' }, demo, ws.demoSwitch),
    ),
  )
}
