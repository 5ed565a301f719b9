/** The page: unlock, then five screens over the runtime Worker. No partner code ever runs here. */

import { h, replace } from './ui/_dom.ts'
import { describeError, errorCode, type App, type ViewName } from './ui/app.ts'
import { HostClient } from './ui/client.ts'
import { renderData } from './ui/data.ts'
import { renderLeft } from './ui/left.ts'
import { renderOffers } from './ui/offers.ts'
import { renderSafety } from './ui/safety.ts'
import { renderSettings } from './ui/settings.ts'
import { renderUnlock } from './ui/unlock.ts'
import { registerServiceWorker } from './ui/install.ts'

const VIEWS: readonly { name: ViewName; label: string }[] = [
  { name: 'data', label: 'My data' },
  { name: 'offers', label: 'Offers' },
  { name: 'left', label: 'What left' },
  { name: 'settings', label: 'Settings' },
  { name: 'safety', label: 'Safety' },
]

const DEMO_KEY = 'sealpost-demo-tools'
const LOCKED_CODE = 'SEALPOST_VAULT_LOCKED'

const main = document.getElementById('main')!
const nav = document.getElementById('nav')!
const status = document.getElementById('status')!
const lockButton = document.getElementById('lock') as HTMLButtonElement

const app: App = {
  client: new HostClient(() => {
    app.locked('The app restarted its engine after a call took too long. Unlock again.')
  }),
  lang: document.documentElement.lang === 'fr' ? 'fr' : 'en',
  get demo() {
    return localStorage.getItem(DEMO_KEY) === 'on'
  },
  setDemo(on) {
    if (on) localStorage.setItem(DEMO_KEY, 'on')
    else localStorage.removeItem(DEMO_KEY)
  },
  announce(message, tone = 'info') {
    status.textContent = message
    status.dataset['tone'] = tone
  },
  fail(error) {
    if (errorCode(error) === LOCKED_CODE) {
      app.locked('Your vault is locked. Unlock it to continue.')
      return
    }
    app.announce(describeError(error), 'error')
    const code = errorCode(error)
    if (code) status.dataset['code'] = code
  },
  go(view) {
    void show(view)
  },
  locked(message) {
    nav.hidden = true
    lockButton.hidden = true
    delete main.dataset['view']
    void start().then(() => {
      if (message) app.announce(message)
    })
  },
}

function clearStatus(): void {
  status.textContent = ''
  delete status.dataset['tone']
  delete status.dataset['code']
}

async function show(view: ViewName): Promise<void> {
  clearStatus()
  for (const button of nav.querySelectorAll('button')) {
    button.setAttribute('aria-current', button.dataset['view'] === view ? 'page' : 'false')
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
  if (main.dataset['view'] === view) main.querySelector<HTMLElement>('h1')?.focus()
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
    () => app.locked('Vault locked.'),
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

// The end-to-end build lets tests call the runtime as the page does (to check its refusals).
if (import.meta.env.MODE === 'e2e') {
  ;(globalThis as { sealpostClient?: HostClient }).sealpostClient = app.client
}

registerServiceWorker()
void start()
