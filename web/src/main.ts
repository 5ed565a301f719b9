/** The page: unlock, then five screens over the runtime Worker. No partner code ever runs here. */

import { h, replace } from './ui/_dom.ts'
import { describeError, type App, type ViewName } from './ui/app.ts'
import { HostClient } from './ui/client.ts'
import { renderData } from './ui/data.ts'
import { renderLeft } from './ui/left.ts'
import { renderOffers } from './ui/offers.ts'
import { renderSafety } from './ui/safety.ts'
import { renderSettings } from './ui/settings.ts'
import { renderUnlock } from './ui/unlock.ts'

const VIEWS: readonly { name: ViewName; label: string }[] = [
  { name: 'data', label: 'My data' },
  { name: 'offers', label: 'Offers' },
  { name: 'left', label: 'What left' },
  { name: 'settings', label: 'Settings & bill' },
  { name: 'safety', label: 'Safety check' },
]

const main = document.getElementById('main')!
const nav = document.getElementById('nav')!
const status = document.getElementById('status')!
const lockButton = document.getElementById('lock') as HTMLButtonElement

const app: App = {
  client: new HostClient(() => {
    app.announce('The runtime stopped answering and was restarted; unlock again.', 'error')
    app.locked()
  }),
  announce(message, tone = 'info') {
    status.textContent = message
    status.dataset['tone'] = tone
  },
  fail(error) {
    app.announce(describeError(error), 'error')
  },
  go(view) {
    void show(view)
  },
  locked() {
    nav.hidden = true
    lockButton.hidden = true
    void start()
  },
}

async function show(view: ViewName): Promise<void> {
  for (const button of nav.querySelectorAll('button')) {
    button.setAttribute('aria-current', String(button.dataset['view'] === view))
  }
  const renderers: Readonly<Record<ViewName, () => Promise<void> | void>> = {
    data: () => renderData(main, app),
    offers: () => renderOffers(main, app),
    left: () => renderLeft(main, app),
    settings: () => renderSettings(main, app),
    safety: () => renderSafety(main, app),
  }
  // aria-busy while a screen loads its data: assistive technology (and the e2e tests) wait for it.
  main.dataset['view'] = view
  main.setAttribute('aria-busy', 'true')
  try {
    await renderers[view]()
  } catch (e) {
    app.fail(e)
  } finally {
    main.setAttribute('aria-busy', 'false')
  }
  main.querySelector<HTMLElement>('h1')?.focus()
}

function opened(): void {
  replace(
    nav,
    ...VIEWS.map(({ name, label }) =>
      h('button', { type: 'button', 'data-view': name, onclick: () => app.go(name) }, label),
    ),
  )
  nav.hidden = false
  lockButton.hidden = false
  app.go('data')
}

lockButton.addEventListener('click', () => {
  app.client.call('lock').then(
    () => {
      app.announce('Vault locked.')
      app.locked()
    },
    (e) => app.fail(e),
  )
})

async function start(): Promise<void> {
  try {
    const s = await app.client.call('status')
    if (s.unlocked) opened()
    else renderUnlock(main, app, s.exists, opened)
  } catch (e) {
    app.fail(e)
  }
}

void start()
