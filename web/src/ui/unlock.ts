/** The first screen: create the vault (first visit) or unlock it with the passphrase. */

import { h, replace } from './_dom.ts'
import type { App } from './app.ts'
import { UI } from './_i18n.ts'

/** Renders the unlock or create form into `root`; `onOpen` runs once the vault is open. */
export function renderUnlock(
  root: HTMLElement,
  app: App,
  exists: boolean,
  onOpen: () => void,
): void {
  const w = UI[app.lang]
  const error = h('p', { class: 'form-error', id: 'passphrase-error', role: 'alert' })
  const passphrase = h('input', {
    id: 'passphrase',
    name: 'passphrase',
    type: 'password',
    autocomplete: exists ? 'current-password' : 'new-password',
    required: true,
    minlength: 8,
    'aria-describedby': 'passphrase-help passphrase-error',
  })
  const confirm = exists
    ? undefined
    : h('input', {
        id: 'passphrase-again',
        type: 'password',
        autocomplete: 'new-password',
        required: true,
      })
  const submit = h('button', { type: 'submit', class: 'primary' }, exists ? w.unlock : w.create)
  const form = h(
    'form',
    { class: 'card narrow', 'aria-labelledby': 'unlock-title' },
    h('h1', { id: 'unlock-title', tabindex: -1 }, exists ? w.unlockTitle : w.createTitle),
    h('p', { id: 'passphrase-help', class: 'muted' }, exists ? w.unlockHelp : w.createHelp),
    // Password managers and Chromium expect a user name beside a password: the vault's, hidden.
    h('input', {
      type: 'text',
      name: 'username',
      autocomplete: 'username',
      value: 'sealpost vault',
      'aria-label': 'Vault',
      hidden: true,
    }),
    h('label', { for: 'passphrase' }, w.passphrase),
    passphrase,
    confirm && h('label', { for: 'passphrase-again' }, w.passphraseAgain),
    confirm,
    error,
    submit,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    error.textContent = ''
    if (confirm && confirm.value !== passphrase.value) {
      error.textContent = w.differ
      confirm.focus()
      return
    }
    submit.disabled = true
    submit.textContent = exists ? w.unlocking : w.creating
    app.announce(exists ? w.unlocking : w.creatingVault)
    // Measured by bench/web-unlock.ts: from the click to the vault open, key derivation included.
    const started = performance.now()
    const call = exists
      ? app.client.call('unlock', passphrase.value)
      : app.client.call('create', passphrase.value)
    call.then(
      () => {
        performance.measure(exists ? 'sealpost:unlock' : 'sealpost:create', { start: started })
        passphrase.value = ''
        app.announce(w.unlocked)
        onOpen()
      },
      (e: { code?: string; message?: string }) => {
        submit.disabled = false
        submit.textContent = exists ? w.unlock : w.create
        error.textContent =
          e.code === 'SEALPOST_WRONG_PASSPHRASE' ? w.wrong : (e.message ?? String(e))
        app.announce(error.textContent, 'error')
        passphrase.select()
        passphrase.focus()
      },
    )
  })
  replace(root, form)
  passphrase.focus()
}
