/**
 * "Offers": each partner's ask in plain words (English or French), consent, a preview of the
 * exact answer before a one-off share, runs of recurring ones, answers shown as a person reads
 * them, and withdrawal.
 */

import type { OfferView, PreviewView, RunView } from '../runtime/host_api.ts'
import { h, replace } from './_dom.ts'
import { collectionLabel, fieldLabel, number, type Lang } from './_format.ts'
import { describeError, errorCode, type App } from './app.ts'
import { UI } from './_i18n.ts'
import { answerLine, linkedRecordIds, renderAnswer, type LinkedRecord } from './answer.ts'
import { inPartnerOrder, plainContract } from './contract.ts'
import { BUILT_IN_HINTS, localized, type DisplayHints } from './display_hints.ts'

const LIVE = new Set(['given', 'renewed'])

function slug(bundleId: string): string {
  return bundleId.replace(/[^a-z0-9]+/gi, '-')
}

/** The display hints of a bundle: the app's built-in ones (a manifest's own `x-display` wins). */
export function hintsOf(bundleId: string): DisplayHints {
  return BUILT_IN_HINTS[bundleId] ?? {}
}

/** "12 purchases (order date, category, size)". */
function readLine(read: PreviewView['read'], lang: Lang): string {
  return read
    .map(
      (r) =>
        `${number(r.rows, lang)} × ${collectionLabel(r.collection, lang).toLowerCase()} (${r.fields
          .map((f) => fieldLabel(f, lang).toLowerCase())
          .join(', ')})`,
    )
    .join('; ')
}

/** The records an answer names (flagged posts), fetched from the vault to show them. */
export async function linkedRecords(
  app: App,
  value: unknown,
  schema: unknown,
  hints: DisplayHints,
): Promise<Map<string, Map<string, LinkedRecord>>> {
  const out = new Map<string, Map<string, LinkedRecord>>()
  for (const [collection, ids] of linkedRecordIds(value, schema, hints)) {
    const rows = await app.client.call('records', collection, [...ids].slice(0, 200))
    out.set(collection, new Map(rows.map((r) => [r.id, r])))
  }
  return out
}

/** Renders the offers screen. */
export async function renderOffers(
  root: HTMLElement,
  app: App,
  focusBundleId?: string,
): Promise<void> {
  const list = h('div', { class: 'offers' })
  const w = UI[app.lang]
  replace(
    root,
    h('h1', { tabindex: -1 }, w.offersTitle),
    h('p', { class: 'muted' }, w.offersIntro),
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

function statusText(offer: OfferView): string {
  const c = offer.contract
  if (offer.spent && c.mode === 'local') return 'You saw the answer once, as you agreed.'
  if (offer.spent) return 'Shared once, as you agreed. Nothing more will be sent.'
  switch (offer.consent) {
    case 'none':
      return 'You have not decided yet.'
    case 'given':
    case 'renewed': {
      const carried = offer.consent === 'renewed' ? ' (carried over to this version)' : ''
      if (c.mode === 'local') return `You agreed${carried}. The answer is shown to you only.`
      if (c.schedule.kind === 'once') {
        return `You agreed to share once${carried}. You will see the answer before it is sent.`
      }
      return `You agreed${carried}.`
    }
    case 'refused':
      return 'You declined.'
    case 'withdrawn':
      return 'You withdrew your consent.'
    case 'expired':
      return 'Your consent expired.'
    default:
      return offer.consent
  }
}

function offerCard(offer: OfferView, app: App, rerender: () => void): HTMLElement {
  const id = slug(offer.bundleId)
  const hints = hintsOf(offer.bundleId)
  const local = offer.contract.mode === 'local'
  const live = LIVE.has(offer.consent) && !offer.spent
  const once = offer.contract.schedule.kind === 'once'
  const partner = offer.partnerName
  const result = h('div', { class: 'result', id: `result-${id}` })
  const contractBox = h('div', { id: `contract-${id}` })
  let lang: Lang = app.lang
  const order = fieldOrder(offer.outputSchema)
  const showContract = (): void =>
    replace(contractBox, plainContract(offer.contract, lang, hints, offer.text[lang], order))
  const langSwitch = h(
    'fieldset',
    { class: 'lang' },
    h('legend', {}, 'Language'),
    ...(['en', 'fr'] as const).map((l) => {
      const input = h('input', {
        type: 'radio',
        name: `lang-${id}`,
        id: `lang-${id}-${l}`,
        value: l,
        checked: l === lang,
      })
      input.addEventListener('change', () => {
        lang = l
        showContract()
      })
      return h(
        'label',
        { for: `lang-${id}-${l}`, class: 'radio', lang: l },
        input,
        l === 'en' ? 'English' : 'Français',
      )
    }),
  )
  showContract()

  const answerOf = async (value: unknown, elementId: string): Promise<HTMLElement> => {
    const records = await linkedRecords(app, value, offer.outputSchema, hints)
    return renderAnswer(value, offer.outputSchema, { lang, hints, id: elementId, records })
  }

  const busy = (button: HTMLButtonElement, work: () => Promise<void>): void => {
    button.disabled = true
    work()
      .catch((e) => {
        if (errorCode(e) === 'SEALPOST_VAULT_LOCKED') return app.fail(e)
        app.announce('Refused: see the offer.', 'error')
        replace(
          result,
          h(
            'p',
            { class: 'refused', 'data-code': errorCode(e) ?? '' },
            `Refused: ${describeError(e)}`,
          ),
          errorCode(e) &&
            h(
              'details',
              { class: 'raw' },
              h('summary', {}, 'Technical details'),
              h('code', {}, errorCode(e) ?? ''),
            ),
        )
      })
      .finally(() => (button.disabled = false))
  }

  const showRun = async (run: RunView): Promise<void> => {
    const answer = await answerOf(run.output, `output-${id}`)
    replace(
      result,
      run.mode === 'local'
        ? h('p', { class: 'sent' }, 'Shown to you only: nothing left your device.')
        : h('p', { class: 'sent' }, `Sent to ${partner}, sealed so only ${partner} can read it:`),
      answer,
      h('p', { class: 'muted' }, `Read on your device: ${readLine(run.read, lang)}.`),
    )
    app.announce(
      run.mode === 'local'
        ? `${partner}: your answer is ready below.`
        : `Sent to ${partner}: ${answerLine(run.output, offer.outputSchema, { lang, hints }) || 'see below'}.`.slice(
            0,
            160,
          ),
    )
    // A one-off consent is now used: the card no longer offers to preview or send.
    if (once && !local) {
      statusEl.dataset['status'] = 'used'
      statusEl.textContent = statusText({ ...offer, spent: true })
      replace(actions)
    }
  }

  const actions = h('div', { class: 'actions' })
  const statusEl = h(
    'p',
    {
      class: 'status',
      id: `status-${id}`,
      'data-status': offer.spent ? 'used' : offer.consent,
      tabindex: -1,
    },
    statusText(offer),
  )
  if (!live) {
    const agree = h(
      'button',
      { type: 'button', class: 'primary', id: `consent-${id}` },
      offer.spent
        ? local
          ? 'Agree to see it once more'
          : 'Agree to share once more'
        : local
          ? 'Agree'
          : once
            ? 'Agree to share once'
            : `Agree (${scheduleWords(offer)})`,
    )
    agree.addEventListener('click', () =>
      busy(agree, async () => {
        await app.client.call('consent', offer.bundleId)
        app.announce(`You agreed to ${partner}’s offer.`)
        rerender()
      }),
    )
    actions.append(agree)
  } else if (local) {
    const run = h(
      'button',
      { type: 'button', class: 'primary', id: `run-${id}` },
      'Show me the answer',
    )
    run.addEventListener('click', () =>
      busy(run, async () => showRun(await app.client.call('run', offer.bundleId))),
    )
    actions.append(run)
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
            await showRun(await app.client.call('sendPreview', p.previewId))
          }),
        )
        decline.addEventListener('click', () =>
          busy(decline, async () => {
            send.disabled = true
            await app.client.call('declinePreview', p.previewId)
            replace(result, h('p', {}, 'Nothing was sent.'))
            app.announce('Nothing was sent.')
          }),
        )
        replace(
          result,
          h('p', {}, `This is exactly what ${partner} would receive:`),
          await answerOf(p.output, `preview-output-${id}`),
          h(
            'p',
            { class: 'muted' },
            `Read on your device: ${readLine(p.read, lang)}. Nothing has left yet.`,
          ),
          h('div', { class: 'actions' }, send, decline),
        )
        app.announce('Preview ready: nothing has left yet.')
        send.focus()
      }),
    )
    actions.append(preview)
    if (!once) {
      const run = h(
        'button',
        { type: 'button', class: 'primary', id: `run-${id}` },
        'Send an answer now',
      )
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
      const del = !local && deletion.checked
      await app.client.call('revoke', offer.bundleId, del)
      app.announce(
        `Consent withdrawn${del ? `; ${partner} was asked to delete what it received` : ''}.`,
      )
      rerender()
    }),
  )
  // A withdrawn consent can still be tried, to see the runtime refuse it.
  const tryRun = h('button', { type: 'button', id: `run-${id}` }, 'Try to run it anyway')
  tryRun.addEventListener('click', () =>
    busy(tryRun, async () => showRun(await app.client.call('run', offer.bundleId))),
  )

  return h(
    'article',
    { class: 'card offer', id: `offer-${id}`, 'aria-labelledby': `title-${id}` },
    h('h2', { id: `title-${id}` }, partner),
    h('p', { class: 'purpose' }, `“${offer.purpose}”`),
    offer.offer && h('p', { class: 'gift' }, 'In exchange: ', offer.offer),
    h('p', { class: 'facts' }, `${leaves(offer, hints)} · ${scheduleWords(offer)}`),
    !offer.allowedByDial &&
      h(
        'p',
        { class: 'warning' },
        'Your personalization setting is below what this offer needs: it will not run until you raise it in Settings.',
      ),
    h(
      'details',
      { class: 'contract-box' },
      h('summary', {}, UI[app.lang].readContract),
      langSwitch,
      contractBox,
    ),
    statusEl,
    actions,
    (live || offer.spent) &&
      h(
        'div',
        { class: 'withdraw' },
        !local &&
          h(
            'label',
            { for: `delete-${id}`, class: 'checkbox' },
            deletion,
            `Also ask ${partner} to delete what it received`,
          ),
        revoke,
      ),
    !live && offer.consent === 'withdrawn' && h('div', { class: 'actions' }, tryRun),
    result,
  )
}

/** What can leave, in words: the answer's fields by their labels, or the records, or nothing. */
function leaves(offer: OfferView, hints: DisplayHints): string {
  const c = offer.contract
  if (c.mode === 'local') return 'Nothing leaves your device'
  if (c.mode === 'share') return `Hands the records it reads to ${c.partner.name}, sealed`
  const labels = inPartnerOrder(c.outputs, fieldOrder(offer.outputSchema))
    .filter((o) => !o.path.includes('.') && !o.path.includes('['))
    .map((o) => {
      const l = localized(hints[o.path]?.label, 'en') ?? fieldLabel(o.path, 'en')
      return l.charAt(0).toLowerCase() + l.slice(1)
    })
  return `Sends ${c.partner.name} one short answer: ${labels.join(', ')}`
}

/** The output schema's `required` list: the order the partner wrote its fields in. */
function fieldOrder(schema: unknown): string[] {
  const required = (schema as { required?: unknown } | null)?.required
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : []
}

function scheduleWords(offer: OfferView): string {
  const s = offer.contract.schedule
  if (s.kind === 'once') return 'once'
  if (s.kind === 'trigger') return `when new ${collectionLabel(s.on, 'en').toLowerCase()} arrive`
  const every: Readonly<Record<string, string>> = {
    P1D: 'every day',
    P1W: 'every week',
    P1M: 'every month',
    P1Y: 'every year',
  }
  return every[s.every] ?? `regularly (${s.every})`
}
