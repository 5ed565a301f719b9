/**
 * The contract in a person's words, in English or French, built from the runtime's structured
 * contract (never partner prose beyond its quoted purpose and offer): fields as labels, value sets
 * as "a yes or no" or "a number from 30 to 50", partner names, no "bits" and no "null". The
 * runtime's exact generated text (with bit bounds and field names, as the auditor reads it) stays
 * one click away.
 */

import type { Contract, ValueShape } from '../../../runtime/consent/index.ts'
import { h } from './_dom.ts'
import { collectionLabel, fieldLabel, valueWords, type Lang } from './_format.ts'
import { localized, type DisplayHints } from './display_hints.ts'

const LEVELS = {
  en: ['basic', 'intermediate', 'deep'],
  fr: ['basique', 'intermédiaire', 'approfondie'],
} as const

type Unit = 'Y' | 'M' | 'W' | 'D'
const UNIT_WORDS: Readonly<Record<Lang, Readonly<Record<Unit, readonly [string, string]>>>> = {
  en: { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'] },
  fr: {
    Y: ['année', 'années'],
    M: ['mois', 'mois'],
    W: ['semaine', 'semaines'],
    D: ['jour', 'jours'],
  },
}

/** `P3Y` → [3, 'Y'] (one unit), else undefined. */
function singleUnit(iso: string): [number, Unit] | undefined {
  const m = /^P(\d+)([YMWD])$/.exec(iso)
  return m ? [Number(m[1]), m[2] as Unit] : undefined
}

const W = {
  en: {
    reads: 'What it reads on your device',
    readsNote: 'Nothing else in your vault is opened.',
    window: (iso: string | undefined) => {
      if (iso === undefined) return 'all your history'
      const u = singleUnit(iso)
      if (!u) return `a period of ${iso}`
      const [n, unit] = u
      const [one, many] = UNIT_WORDS.en[unit]
      return n === 1 ? `the last ${one}` : `the last ${n} ${many}`
    },
    leaves: (partner: string) => `What ${partner} can receive, each time`,
    local: 'Nothing leaves your device: the answer is shown to you alone.',
    share: (partner: string) =>
      `The records above leave your device, sealed so that only ${partner} can open them.`,
    questions: (partner: string, n: number) =>
      `In all, one answer tells ${partner} no more than ${n} yes-or-no ${n === 1 ? 'question' : 'questions'} would.`,
    often: {
      once: 'How often: once. Nothing is sent before you see the answer.',
      every: (iso: string) => {
        const u = singleUnit(iso)
        if (!u) return `How often: regularly (${iso}), until you withdraw.`
        const [n, unit] = u
        const [one, many] = UNIT_WORDS.en[unit]
        return `How often: every ${n === 1 ? one : `${n} ${many}`}, until you withdraw.`
      },
      trigger: (on: string) =>
        `How often: each time new ${collectionLabel(on, 'en').toLowerCase()} arrive in your vault.`,
    },
    keeps: (partner: string, days: number) =>
      `${partner} may keep what it receives for ${days} ${days === 1 ? 'day' : 'days'}, then must delete it.`,
    withdraw: 'You can withdraw at any time; every later run is then refused.',
    level: (n: number) =>
      `Personalization: ${LEVELS.en[n - 1]} (level ${n} of 3). Your dial in Settings decides which levels may run.`,
    daily: (partner: string, n: number) =>
      `Daily limit: across all its offers, ${partner} can learn no more each day than ${n} yes-or-no questions would tell.`,
    why: 'Why, in their words',
    gift: 'In exchange, in their words',
    exact: 'The exact contract, as an auditor reads it',
    yesNo: 'a yes or no',
    oneOf: (n: number, list: string) => `one of ${n} answers (${list})`,
    range: (a: string, b: string) => `a number from ${a} to ${b}`,
    text: (n: number) => `a short text of up to ${n} characters`,
    list: (n: number) => `a list of up to ${n} items`,
    fixed: (v: string) => `always ${v}`,
    details: 'details fixed by the schema',
    orNothing: ', or nothing',
    noise: (p: number) =>
      `blurred on your device before it leaves: the true answer is sent only ${p} % of the time, so no single answer proves anything about you`,
    laplace: 'blurred on your device with random noise before it leaves',
  },
  fr: {
    reads: 'Ce qui est lu sur votre appareil',
    readsNote: 'Rien d’autre n’est ouvert dans votre coffre.',
    window: (iso: string | undefined) => {
      if (iso === undefined) return 'tout votre historique'
      const u = singleUnit(iso)
      if (!u) return `une période de ${iso}`
      const [n, unit] = u
      const [one, many] = UNIT_WORDS.fr[unit]
      const feminine = unit === 'Y' || unit === 'W'
      if (n === 1) return feminine ? `la dernière ${one}` : `le dernier ${one}`
      return `les ${n} ${feminine ? 'dernières' : 'derniers'} ${many}`
    },
    leaves: (partner: string) => `Ce que ${partner} peut recevoir, à chaque fois`,
    local: 'Rien ne quitte votre appareil : la réponse n’est montrée qu’à vous.',
    share: (partner: string) =>
      `Les données ci-dessus quittent votre appareil, scellées pour que seul ${partner} puisse les ouvrir.`,
    questions: (partner: string, n: number) =>
      `Au total, une réponse n’en dit pas plus à ${partner} que ${n} ${n === 1 ? 'question' : 'questions'} à réponse oui ou non.`,
    often: {
      once: 'Fréquence : une seule fois. Rien n’est envoyé avant que vous voyiez la réponse.',
      every: (iso: string) => {
        const u = singleUnit(iso)
        if (!u) return `Fréquence : régulièrement (${iso}), jusqu’à votre retrait.`
        const [n, unit] = u
        const [, many] = UNIT_WORDS.fr[unit]
        const all = unit === 'W' ? 'toutes les' : 'tous les'
        return `Fréquence : ${all} ${n === 1 ? many : `${n} ${many}`}, jusqu’à votre retrait.`
      },
      trigger: (on: string) =>
        `Fréquence : à chaque arrivée de nouvelles données « ${collectionLabel(on, 'fr').toLowerCase()} » dans votre coffre.`,
    },
    keeps: (partner: string, days: number) =>
      `${partner} peut garder ce qu’il reçoit ${days} ${days === 1 ? 'jour' : 'jours'}, puis doit l’effacer.`,
    withdraw:
      'Vous pouvez retirer votre accord à tout moment ; toute exécution suivante est refusée.',
    level: (n: number) =>
      `Personnalisation : ${LEVELS.fr[n - 1]} (niveau ${n} sur 3). Le réglage dans Paramètres décide des niveaux permis.`,
    daily: (partner: string, n: number) =>
      `Limite quotidienne : pour toutes ses offres, ${partner} ne peut pas apprendre chaque jour plus que ${n} questions à réponse oui ou non.`,
    why: 'Pourquoi, selon eux',
    gift: 'En échange, selon eux',
    exact: 'Le contrat exact, tel qu’un auditeur le lit',
    yesNo: 'un oui ou un non',
    oneOf: (n: number, list: string) => `une réponse parmi ${n} (${list})`,
    range: (a: string, b: string) => `un nombre de ${a} à ${b}`,
    text: (n: number) => `un texte court d’au plus ${n} caractères`,
    list: (n: number) => `une liste d’au plus ${n} éléments`,
    fixed: (v: string) => `toujours ${v}`,
    details: 'des détails fixés par le schéma',
    orNothing: ', ou rien',
    noise: (p: number) =>
      `brouillée sur votre appareil avant l’envoi : la vraie réponse n’est envoyée que ${p} % du temps, aucune réponse seule ne prouve rien sur vous`,
    laplace: 'brouillée sur votre appareil par un bruit aléatoire avant l’envoi',
  },
} as const

/** "a number from 30 to 50", "one of 9 answers (Running, Cycling, …)": what values a field takes. */
export function valueSetWords(
  shape: ValueShape,
  lang: Lang,
  words?: (v: unknown) => string | undefined,
): string {
  const w = W[lang]
  const nothing = shape.nullable ? w.orNothing : ''
  const say = (v: unknown): string =>
    words?.(v) ?? (typeof v === 'string' ? valueWords(v, lang) : String(v))
  switch (shape.kind) {
    case 'boolean':
      return w.yesNo + nothing
    case 'enum': {
      const shown = shape.values.filter((v) => v !== null)
      const list = shown.slice(0, 6).map(say).join(', ') + (shown.length > 6 ? ', …' : '')
      const orNothing = shape.values.includes(null) ? w.orNothing : ''
      return w.oneOf(shown.length, list) + orNothing
    }
    case 'integer':
    case 'number':
      return (
        w.range(
          shape.min.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR'),
          shape.max.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR'),
        ) + nothing
      )
    case 'string':
      return w.text(shape.maxLength) + nothing
    case 'list':
      return w.list(shape.maxItems) + nothing
    case 'const':
      return w.fixed(say(shape.value))
    default:
      return w.details
  }
}

/** Probability (percent, rounded) that randomized response with ε over k values tells the truth. */
export function truthPercent(epsilon: number, k: number): number {
  const e = Math.exp(epsilon)
  return Math.round((100 * e) / (e + k - 1))
}

/** The plain-language contract. `exactText` is the runtime's generated text, shown on request. */
export function plainContract(
  contract: Contract,
  lang: Lang,
  hints: DisplayHints,
  exactText: string,
  fieldOrder: readonly string[] = [],
): HTMLElement {
  const w = W[lang]
  const partner = contract.partner.name
  const outputs = inPartnerOrder(contract.outputs, fieldOrder)
  const leaves =
    contract.mode === 'local'
      ? [h('p', {}, w.local)]
      : contract.mode === 'share'
        ? [h('p', {}, w.share(partner))]
        : [
            h('h3', {}, w.leaves(partner)),
            h(
              'ul',
              {},
              ...outputs.map((o) => {
                const hint = hints[o.path]
                const label =
                  localized(hint?.label, lang) ??
                  (o.description ? firstClause(o.description) : fieldLabel(o.path, lang))
                const words = (v: unknown): string | undefined =>
                  localized(hint?.values?.[String(v)], lang)
                const k = o.values.kind === 'enum' ? o.values.values.length : 2
                const noise = o.noise
                  ? o.noise.mechanism === 'randomized-response'
                    ? w.noise(truthPercent(o.noise.epsilon, k))
                    : w.laplace
                  : undefined
                return h(
                  'li',
                  { 'data-field': o.path },
                  h('strong', {}, label),
                  ': ',
                  valueSetWords(o.values, lang, words),
                  noise ? `; ${noise}` : '',
                )
              }),
            ),
            h('p', {}, w.questions(partner, Math.ceil(contract.totalBits - 1e-9))),
          ]
  const s = contract.schedule
  return h(
    'div',
    { class: 'contract', lang },
    h('h3', {}, w.why),
    h('p', {}, h('q', {}, contract.purpose)),
    h('h3', {}, w.reads),
    h(
      'ul',
      {},
      ...contract.reads.map((r) =>
        h(
          'li',
          { 'data-collection': r.collection },
          h('strong', {}, collectionLabel(r.collection, lang)),
          `: ${r.fields.map((f) => fieldLabel(f, lang).toLowerCase()).join(', ')} — ${w.window(r.window)}`,
        ),
      ),
    ),
    h('p', { class: 'muted' }, w.readsNote),
    ...leaves,
    h(
      'p',
      {},
      s.kind === 'once'
        ? w.often.once
        : s.kind === 'recurring'
          ? w.often.every(s.every)
          : w.often.trigger(s.on),
    ),
    contract.mode !== 'local' && h('p', {}, w.keeps(partner, contract.retentionDays)),
    h('p', {}, w.withdraw),
    h('p', {}, w.level(contract.personalization)),
    contract.mode === 'private' &&
      h('p', {}, w.daily(partner, Math.floor(contract.bitBudgetPerDay))),
    contract.offer !== undefined && h('p', {}, `${w.gift}: `, h('q', {}, contract.offer)),
    h(
      'details',
      { class: 'raw' },
      h('summary', {}, w.exact),
      h('pre', { class: 'exact-contract' }, exactText),
    ),
  )
}

/**
 * Outputs in the order the partner wrote its fields (`fieldOrder`: the output schema's `required`),
 * not the sorted order of the signed, canonicalized manifest.
 */
export function inPartnerOrder<T extends { readonly path: string }>(
  outputs: readonly T[],
  fieldOrder: readonly string[],
): T[] {
  const rank = (path: string): number => {
    const i = fieldOrder.indexOf(path.split(/[.[]/)[0]!)
    return i === -1 ? fieldOrder.length : i
  }
  return [...outputs].sort((a, b) => rank(a.path) - rank(b.path))
}

/** "your EU shoe size, or null when …" → "Your EU shoe size". */
function firstClause(description: string): string {
  const first = description.split(/[;:]|, (?:or|otherwise|only|as|in|recent)\b| \(/)[0]!.trim()
  return first.charAt(0).toUpperCase() + first.slice(1)
}
