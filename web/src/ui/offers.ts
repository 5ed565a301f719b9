/**
 * "Offers": the offers partners published on the relay (when the vault has one), each partner's
 * ask in plain words (English or French), consent, a preview of the
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
import { relayOffersCard } from './relay_offers.ts'

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
  const [{ offers, skipped }, fromRelay] = await Promise.all([
    app.client.call('offers'),
    relayOffersCard(app, () => void renderOffers(root, app)),
  ])
  replace(
    list,
    fromRelay,
    offers.length === 0 && h('p', {}, w.card.noOffers),
    ...offers.map((o) => offerCard(o, app, () => void renderOffers(root, app, o.bundleId))),
    skipped.length > 0 &&
      h(
        'div',
        { class: 'card', id: 'skipped-offers' },
        h('h2', {}, w.card.notInstalled),
        h('ul', {}, ...skipped.map((line) => h('li', {}, line))),
      ),
  )
  // After a decision the screen is redrawn: keep the person where they were.
  if (focusBundleId !== undefined) {
    document.getElementById(`status-${slug(focusBundleId)}`)?.focus()
  }
}

function statusText(offer: OfferView, lang: Lang): string {
  const c = offer.contract
  const w = UI[lang].card
  if (offer.spent && c.mode === 'local') return w.sawOnce
  if (offer.spent) return w.sharedOnce
  switch (offer.consent) {
    case 'none':
      return w.undecided
    case 'given':
    case 'renewed': {
      const carried = offer.consent === 'renewed' ? w.carried : ''
      if (c.mode === 'local') return w.agreedLocal(carried)
      if (c.schedule.kind === 'once') return w.agreedOnce(carried)
      return w.agreed(carried)
    }
    case 'refused':
      return w.declined
    case 'withdrawn':
      return w.withdrawn
    case 'expired':
      return w.expired
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
  const w = UI[app.lang].card
  const result = h('div', { class: 'result', id: `result-${id}` })
  const contractBox = h('div', { id: `contract-${id}` })
  let lang: Lang = app.lang
  const order = fieldOrder(offer.outputSchema)
  const showContract = (): void =>
    replace(contractBox, plainContract(offer.contract, lang, hints, offer.text[lang], order))
  const langSwitch = h(
    'fieldset',
    { class: 'lang' },
    h('legend', {}, UI[app.lang].lang),
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
        app.announce(w.refusedShort, 'error')
        replace(
          result,
          h(
            'p',
            { class: 'refused', 'data-code': errorCode(e) ?? '' },
            w.refused(describeError(e)),
          ),
          errorCode(e) &&
            h(
              'details',
              { class: 'raw' },
              h('summary', {}, w.technical),
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
        ? h('p', { class: 'sent' }, w.shownOnly)
        : h('p', { class: 'sent' }, w.sentTo(partner)),
      answer,
      h('p', { class: 'muted' }, w.readOn(readLine(run.read, lang))),
    )
    app.announce(
      run.mode === 'local'
        ? w.ready(partner)
        : w
            .sentShort(partner, answerLine(run.output, offer.outputSchema, { lang, hints }) || '…')
            .slice(0, 160),
    )
    // A one-off consent is now used: the card no longer offers to preview or send.
    if (once && !local) {
      statusEl.dataset['status'] = 'used'
      statusEl.textContent = statusText({ ...offer, spent: true }, lang)
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
    statusText(offer, app.lang),
  )
  if (!live) {
    const agree = h(
      'button',
      { type: 'button', class: 'primary', id: `consent-${id}` },
      offer.spent
        ? local
          ? w.agreeSeeAgain
          : w.agreeShareAgain
        : local
          ? w.agree
          : once
            ? w.agreeOnce
            : w.agreeEvery(scheduleWords(offer, app.lang)),
    )
    agree.addEventListener('click', () =>
      busy(agree, async () => {
        await app.client.call('consent', offer.bundleId)
        app.announce(w.youAgreed(partner))
        rerender()
      }),
    )
    actions.append(agree)
  } else if (local) {
    const run = h('button', { type: 'button', class: 'primary', id: `run-${id}` }, w.showMe)
    run.addEventListener('click', () =>
      busy(run, async () => showRun(await app.client.call('run', offer.bundleId))),
    )
    actions.append(run)
  } else {
    const preview = h(
      'button',
      { type: 'button', class: once ? 'primary' : '', id: `preview-${id}` },
      w.preview,
    )
    preview.addEventListener('click', () =>
      busy(preview, async () => {
        const p = await app.client.call('preview', offer.bundleId)
        const send = h('button', { type: 'button', class: 'primary', id: `send-${id}` }, w.send)
        const decline = h('button', { type: 'button', id: `decline-${id}` }, w.dontSend)
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
            replace(result, h('p', {}, w.nothingSent))
            app.announce(w.nothingSent)
          }),
        )
        replace(
          result,
          h('p', {}, w.wouldReceive(partner)),
          await answerOf(p.output, `preview-output-${id}`),
          h('p', { class: 'muted' }, `${w.readOn(readLine(p.read, lang))} ${w.nothingYet}`),
          h('div', { class: 'actions' }, send, decline),
        )
        app.announce(w.previewReady)
        send.focus()
      }),
    )
    actions.append(preview)
    if (!once) {
      const run = h('button', { type: 'button', class: 'primary', id: `run-${id}` }, w.sendNow)
      run.addEventListener('click', () =>
        busy(run, async () => showRun(await app.client.call('run', offer.bundleId))),
      )
      actions.append(run)
    }
  }
  const deletion = h('input', { type: 'checkbox', id: `delete-${id}` })
  const revoke = h('button', { type: 'button', class: 'danger', id: `revoke-${id}` }, w.withdraw)
  revoke.addEventListener('click', () =>
    busy(revoke, async () => {
      const del = !local && deletion.checked
      await app.client.call('revoke', offer.bundleId, del)
      app.announce(w.withdrawnMsg(partner, del))
      rerender()
    }),
  )
  // A withdrawn consent can still be tried, to see the runtime refuse it.
  const tryRun = h('button', { type: 'button', id: `run-${id}` }, w.tryAnyway)
  tryRun.addEventListener('click', () =>
    busy(tryRun, async () => showRun(await app.client.call('run', offer.bundleId))),
  )

  return h(
    'article',
    { class: 'card offer', id: `offer-${id}`, 'aria-labelledby': `title-${id}` },
    h('h2', { id: `title-${id}` }, partner),
    h('p', { class: 'purpose' }, `“${offer.purpose}”`),
    offer.offer && h('p', { class: 'gift' }, w.inExchange, offer.offer),
    h(
      'p',
      { class: 'facts' },
      `${leaves(offer, hints, app.lang)} · ${scheduleWords(offer, app.lang)}`,
    ),
    !offer.allowedByDial && h('p', { class: 'warning' }, w.dial),
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
          h('label', { for: `delete-${id}`, class: 'checkbox' }, deletion, w.alsoDelete(partner)),
        revoke,
      ),
    !live && offer.consent === 'withdrawn' && h('div', { class: 'actions' }, tryRun),
    result,
  )
}

/** What can leave, in words: the answer's fields by their labels, or the records, or nothing. */
function leaves(offer: OfferView, hints: DisplayHints, lang: Lang): string {
  const c = offer.contract
  const w = UI[lang].card
  if (c.mode === 'local') return w.leavesLocal
  if (c.mode === 'share') return w.leavesShare(c.partner.name)
  const labels = inPartnerOrder(c.outputs, fieldOrder(offer.outputSchema))
    .filter((o) => !o.path.includes('.') && !o.path.includes('['))
    .map((o) => {
      const l = localized(hints[o.path]?.label, lang) ?? fieldLabel(o.path, lang)
      return l.charAt(0).toLowerCase() + l.slice(1)
    })
  return w.leavesPrivate(c.partner.name, labels.join(', '))
}

/** The output schema's `required` list: the order the partner wrote its fields in. */
function fieldOrder(schema: unknown): string[] {
  const required = (schema as { required?: unknown } | null)?.required
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : []
}

function scheduleWords(offer: OfferView, lang: Lang): string {
  const s = offer.contract.schedule
  const w = UI[lang].card
  if (s.kind === 'once') return w.once
  if (s.kind === 'trigger') return w.whenNew(collectionLabel(s.on, lang).toLowerCase())
  return w.every[s.every] ?? w.regularly(s.every)
}
