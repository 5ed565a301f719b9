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
import { UI } from './ui/_i18n.ts'
import type { Lang } from './ui/_format.ts'

const VIEWS: readonly ViewName[] = ['data', 'offers', 'left', 'settings', 'safety']
const LANG_KEY = 'sealpost-lang'

const DEMO_KEY = 'sealpost-demo-tools'
const LOCKED_CODE = 'SEALPOST_VAULT_LOCKED'

const main = document.getElementById('main')!
const nav = document.getElementById('nav')!
const status = document.getElementById('status')!
const lockButton = document.getElementById('lock') as HTMLButtonElement
const langSwitch = document.getElementById('lang-switch') as HTMLSelectElement

function savedLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY)
  if (saved === 'en' || saved === 'fr') return saved
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

const app: App = {
  client: new HostClient(() => {
    app.locked(UI[app.lang].restarted)
  }),
  get lang() {
    return savedLang()
  },
  setLang(lang) {
    localStorage.setItem(LANG_KEY, lang)
    applyLang()
    const view = main.dataset['view'] as ViewName | undefined
    if (view && !nav.hidden) app.go(view)
    else void start()
  },
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
      app.locked(UI[app.lang].lockedAgain)
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

/** The page in the person's language: `lang` attribute, tabs, Lock, the switch itself. */
function applyLang(): void {
  const lang = app.lang
  const w = UI[lang]
  document.documentElement.lang = lang
  langSwitch.value = lang
  langSwitch.setAttribute('aria-label', w.lang)
  lockButton.textContent = w.lock
  const current = main.dataset['view']
  replace(
    nav,
    ...VIEWS.map((name) =>
      h(
        'button',
        {
          type: 'button',
          'data-view': name,
          'aria-current': name === current ? 'page' : 'false',
          onclick: () => app.go(name),
        },
        w.nav[name],
      ),
    ),
  )
}

langSwitch.addEventListener('change', () => app.setLang(langSwitch.value === 'fr' ? 'fr' : 'en'))

function opened(): void {
  applyLang()
  nav.hidden = false
  lockButton.hidden = false
  app.go('data')
}

lockButton.addEventListener('click', () => {
  app.client.call('lock').then(
    () => app.locked(UI[app.lang].locked),
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

applyLang()
registerServiceWorker()
void start()
