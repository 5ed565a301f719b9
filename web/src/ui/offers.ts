/**
 * "Offers": each partner's ask with its generated contract (English or French), consent, a preview
 * of the exact answer before a one-off share, runs of recurring ones, and withdrawal.
 */

import type { OfferView, PreviewView, RunView } from '../runtime/host_api.ts'
import { h, replace, show } from './_dom.ts'
import type { App } from './app.ts'
import { contractHtml } from './contract.ts'

const LIVE = new Set(['given', 'renewed'])

const STATUS_TEXT: Readonly<Record<string, string>> = {
  none: 'You have not decided yet.',
  given: 'You agreed.',
  renewed: 'You agreed (carried over to this version).',
  refused: 'You declined.',
  withdrawn: 'You withdrew your consent.',
  expired: 'Your consent expired.',
}

function slug(bundleId: string): string {
  return bundleId.replace(/[^a-z0-9]+/gi, '-')
}

function readLine(read: PreviewView['read']): string {
  return read.map((r) => `${r.rows} ${r.collection} record(s) (${r.fields.join(', ')})`).join('; ')
}

/** Renders the offers screen. */
export async function renderOffers(
  root: HTMLElement,
  app: App,
  focusBundleId?: string,
): Promise<void> {
  const list = h('div', { class: 'offers' })
  replace(
    root,
    h('h1', { tabindex: -1 }, 'Offers'),
    h(
      'p',
      { class: 'muted' },
      'Partners send their code to your data. Read what each one asks, what it can learn at most, and decide. Nothing leaves without your consent.',
    ),
    list,
  )
  const { offers, skipped } = await app.client.call('offers')
  replace(
    list,
    ...offers.map((o) => offerCard(o, app, () => void renderOffers(root, app, o.bundleId))),
    skipped.length > 0 &&
      h(
        'div',
        { class: 'card', id: 'skipped-offers' },
        h('h2', {}, 'Offers that could not be installed'),
        h('ul', {}, ...skipped.map((line) => h('li', {}, line))),
      ),
  )
  // After a decision the screen is redrawn: keep the person where they were.
  if (focusBundleId !== undefined) {
    document.getElementById(`status-${slug(focusBundleId)}`)?.focus()
  }
  if (offers.length === 0) list.prepend(h('p', {}, 'No offers are installed.'))
}

function offerCard(offer: OfferView, app: App, rerender: () => void): HTMLElement {
  const id = slug(offer.bundleId)
  const live = LIVE.has(offer.consent)
  const once = offer.contract.schedule.kind === 'once'
  const result = h('div', { class: 'result', id: `result-${id}`, 'aria-live': 'polite' })
  const contractBox = h('div', { id: `contract-${id}` })
  let lang: 'en' | 'fr' = 'en'
  const showContract = (): void => replace(contractBox, contractHtml(offer.text[lang], lang))
  const langSwitch = h(
    'fieldset',
    { class: 'lang' },
    h('legend', {}, 'Contract language'),
    ...(['en', 'fr'] as const).map((l) => {
      const input = h('input', {
        type: 'radio',
        name: `lang-${id}`,
        id: `lang-${id}-${l}`,
        value: l,
        checked: l === 'en',
      })
      input.addEventListener('change', () => {
        lang = l
        showContract()
      })
      return h(
        'label',
        { for: `lang-${id}-${l}`, class: 'radio' },
        input,
        l === 'en' ? 'English' : 'Français',
      )
    }),
  )
  showContract()

  const busy = (button: HTMLButtonElement, work: () => Promise<void>): void => {
    button.disabled = true
    work()
      .catch((e) => {
        app.fail(e)
        replace(
          result,
          h(
            'p',
            { class: 'refused' },
            `Refused: ${(e as Error).message} [${(e as { code?: string }).code ?? ''}]`,
          ),
        )
      })
      .finally(() => (button.disabled = false))
  }

  const showRun = (run: RunView): void => {
    const answer = h('code', { id: `output-${id}` }, show(run.output))
    replace(
      result,
      run.mode === 'local'
        ? h('p', { class: 'sent' }, 'Shown to you only (nothing left your device): ', answer)
        : h('p', { class: 'sent' }, `Sent, sealed to ${offer.partnerName}: `, answer),
      h(
        'p',
        { class: 'muted' },
        `Read on your device: ${readLine(run.read)}.`,
        run.mode === 'private' ? ` At most ${run.bits.toFixed(2)} bits left.` : '',
      ),
    )
    app.announce(
      run.mode === 'local'
        ? `${offer.bundleId} answered ${show(run.output)}`
        : `${offer.partnerName} received ${show(run.output)}`,
    )
  }

  const actions = h('div', { class: 'actions' })
  if (!live) {
    const agree = h(
      'button',
      { type: 'button', class: 'primary', id: `consent-${id}` },
      once ? 'Agree to share once' : `Agree (${scheduleWords(offer)})`,
    )
    agree.addEventListener('click', () =>
      busy(agree, async () => {
        await app.client.call('consent', offer.bundleId)
        app.announce(`You agreed to ${offer.partnerName}'s ${offer.bundleId}.`)
        rerender()
      }),
    )
    actions.append(agree)
  } else {
    const preview = h(
      'button',
      { type: 'button', class: once ? 'primary' : '', id: `preview-${id}` },
      'Preview the answer',
    )
    preview.addEventListener('click', () =>
      busy(preview, async () => {
        const p = await app.client.call('preview', offer.bundleId)
        const send = h(
          'button',
          { type: 'button', class: 'primary', id: `send-${id}` },
          'Send this answer',
        )
        const decline = h('button', { type: 'button', id: `decline-${id}` }, 'Don’t send')
        send.addEventListener('click', () =>
          busy(send, async () => {
            decline.disabled = true
            showRun(await app.client.call('sendPreview', p.previewId))
          }),
        )
        decline.addEventListener('click', () =>
          busy(decline, async () => {
            send.disabled = true
            await app.client.call('declinePreview', p.previewId)
            replace(result, h('p', {}, 'Nothing was sent.'))
          }),
        )
        replace(
          result,
          h(
            'p',
            {},
            'This exact answer would leave: ',
            h('code', { id: `preview-output-${id}` }, show(p.output)),
          ),
          h(
            'p',
            { class: 'muted' },
            `Read on your device: ${readLine(p.read)}. Nothing has left yet.`,
          ),
          h('div', { class: 'actions' }, send, decline),
        )
        send.focus()
      }),
    )
    actions.append(preview)
    if (!once) {
      const run = h('button', { type: 'button', class: 'primary', id: `run-${id}` }, 'Run now')
      run.addEventListener('click', () =>
        busy(run, async () => showRun(await app.client.call('run', offer.bundleId))),
      )
      actions.append(run)
    }
  }
  const deletion = h('input', { type: 'checkbox', id: `delete-${id}` })
  const revoke = h(
    'button',
    { type: 'button', class: 'danger', id: `revoke-${id}` },
    'Withdraw consent',
  )
  revoke.addEventListener('click', () =>
    busy(revoke, async () => {
      await app.client.call('revoke', offer.bundleId, deletion.checked)
      app.announce(
        `Consent withdrawn for ${offer.bundleId}${deletion.checked ? '; deletion requested' : ''}.`,
      )
      rerender()
    }),
  )
  // A withdrawn consent can still be tried, to see the runtime refuse it.
  const tryRun = h('button', { type: 'button', id: `run-${id}` }, 'Try to run')
  tryRun.addEventListener('click', () =>
    busy(tryRun, async () => showRun(await app.client.call('run', offer.bundleId))),
  )

  return h(
    'article',
    { class: 'card offer', id: `offer-${id}`, 'aria-labelledby': `title-${id}` },
    h(
      'h2',
      { id: `title-${id}` },
      offer.partnerName,
      h('span', { class: 'muted' }, ` · ${offer.bundleId} ${offer.version}`),
    ),
    h('p', { class: 'purpose' }, `“${offer.purpose}”`),
    offer.offer && h('p', { class: 'gift' }, 'In exchange: ', offer.offer),
    h(
      'p',
      { class: 'facts' },
      `${leaves(offer)} · ${scheduleWords(offer)} · personalization ${offer.contract.personalization} of 3`,
    ),
    !offer.allowedByDial &&
      h(
        'p',
        { class: 'warning' },
        'Your personalization dial is below this offer’s level: it will not run until you raise it.',
      ),
    h('details', {}, h('summary', {}, 'Read the contract'), langSwitch, contractBox),
    h(
      'p',
      { class: 'status', id: `status-${id}`, 'data-status': offer.consent, tabindex: -1 },
      STATUS_TEXT[offer.consent] ?? offer.consent,
    ),
    actions,
    live &&
      h(
        'div',
        { class: 'revoke' },
        h(
          'label',
          { for: `delete-${id}`, class: 'checkbox' },
          deletion,
          `and ask ${offer.partnerName} to delete what it received`,
        ),
        revoke,
      ),
    !live && offer.consent === 'withdrawn' && h('div', { class: 'actions' }, tryRun),
    result,
  )
}

/** What can leave, by mode: a bit bound only means something for private answers. */
function leaves(offer: OfferView): string {
  const c = offer.contract
  if (c.mode === 'local') return 'Nothing leaves: the answer is shown to you only'
  if (c.mode === 'share') return 'The records it reads leave, sealed to the partner'
  return `At most ${c.totalBits.toFixed(2)} bits per answer`
}

function scheduleWords(offer: OfferView): string {
  const s = offer.contract.schedule
  if (s.kind === 'once') return 'once'
  if (s.kind === 'trigger') return `on new ${s.on}`
  const every: Readonly<Record<string, string>> = {
    P1D: 'every day',
    P1W: 'every week',
    P1M: 'every month',
    P1Y: 'every year',
  }
  return every[s.every] ?? `every ${s.every}`
}
