/** The contract's fixed sentences in English and French; only `purpose` and `offer` are the partner's. */

import { parseDuration } from '../manifest/duration.ts'
import type { Mode } from '../manifest/types.ts'
import type { ContractSchedule, ValueShape } from './contract.ts'
import type { NoiseMechanism } from '../manifest/noise.ts'

/** Languages the contract renders in. */
export type ContractLanguage = 'en' | 'fr'

interface Unit {
  readonly one: string
  readonly many: string
  /** French "tous les"/"toutes les" agreement; unused in English. */
  readonly feminine?: boolean
}

const UNITS: Record<ContractLanguage, Record<string, Unit>> = {
  en: {
    years: { one: 'year', many: 'years' },
    months: { one: 'month', many: 'months' },
    weeks: { one: 'week', many: 'weeks' },
    days: { one: 'day', many: 'days' },
    hours: { one: 'hour', many: 'hours' },
    minutes: { one: 'minute', many: 'minutes' },
    seconds: { one: 'second', many: 'seconds' },
  },
  fr: {
    years: { one: 'an', many: 'ans' },
    months: { one: 'mois', many: 'mois' },
    weeks: { one: 'semaine', many: 'semaines', feminine: true },
    days: { one: 'jour', many: 'jours' },
    hours: { one: 'heure', many: 'heures', feminine: true },
    minutes: { one: 'minute', many: 'minutes', feminine: true },
    seconds: { one: 'seconde', many: 'secondes', feminine: true },
  },
}

function parts(text: string, lang: ContractLanguage): { n: number; unit: Unit }[] {
  const d = parseDuration(text)
  if (!d) return []
  return Object.entries(d)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => ({ n, unit: UNITS[lang][k]! }))
}

function join(items: readonly string[], lang: ContractLanguage): string {
  if (items.length <= 1) return items.join('')
  const and = lang === 'en' ? 'and' : 'et'
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`
}

/** `P1Y6M` → "1 year and 6 months" / "1 an et 6 mois". */
export function durationWords(text: string, lang: ContractLanguage): string {
  const p = parts(text, lang)
  if (p.length === 0) return text
  return join(
    p.map(({ n, unit }) => `${n} ${n === 1 ? unit.one : unit.many}`),
    lang,
  )
}

// Windows read "the last 3 years": French agrees with the unit, and says années rather than ans.
const FR_WINDOW: Record<string, { one: string; many: string; feminine: boolean }> = {
  an: { one: 'année', many: 'années', feminine: true },
  mois: { one: 'mois', many: 'mois', feminine: false },
  semaine: { one: 'semaine', many: 'semaines', feminine: true },
  jour: { one: 'jour', many: 'jours', feminine: false },
  heure: { one: 'heure', many: 'heures', feminine: true },
  minute: { one: 'minute', many: 'minutes', feminine: true },
  seconde: { one: 'seconde', many: 'secondes', feminine: true },
}

/** `P3Y` → "les 3 dernières années", `P1M` → "le dernier mois". */
function frenchWindow(text: string): string {
  const p = parts(text, 'fr')
  const only = p.length === 1 ? FR_WINDOW[p[0]!.unit.one] : undefined
  if (!only) return `une période de ${durationWords(text, 'fr')} avant chaque exécution`
  const n = p[0]!.n
  if (n === 1) return only.feminine ? `la dernière ${only.one}` : `le dernier ${only.one}`
  return `les ${n} ${only.feminine ? 'dernières' : 'derniers'} ${only.many}`
}

/** `P1M` → "every month" / "tous les mois"; `P2W` → "every 2 weeks" / "toutes les 2 semaines". */
function everyWords(text: string, lang: ContractLanguage): string {
  const p = parts(text, lang)
  if (p.length === 1) {
    const { n, unit } = p[0]!
    if (lang === 'en') return n === 1 ? `every ${unit.one}` : `every ${n} ${unit.many}`
    const all = unit.feminine ? 'toutes les' : 'tous les'
    return n === 1 ? `${all} ${unit.many}` : `${all} ${n} ${unit.many}`
  }
  return lang === 'en'
    ? `every ${durationWords(text, lang)}`
    : `tous les ${durationWords(text, lang)}`
}

/** Bits with at most two decimals, with the language's decimal mark. */
export function bitsWords(bits: number, lang: ContractLanguage): string {
  if (bits === Infinity) return lang === 'en' ? 'unbounded' : 'illimité'
  const s = Number.isInteger(bits) ? String(bits) : bits.toFixed(2)
  return lang === 'fr' ? s.replace('.', ',') : s
}

const num = (n: number, lang: ContractLanguage): string =>
  lang === 'fr' ? String(n).replace('.', ',') : String(n)

const quote = (text: string, lang: ContractLanguage): string =>
  lang === 'en' ? `"${text}"` : `« ${text} »`

/** The sentences of one language, as functions of the contract's data. */
export const WORDS = {
  en: {
    header: (partner: string, id: string, bundle: string, version: string) =>
      `${partner} (${id}) asks to run ${bundle} version ${version} on your device.`,
    why: (partner: string, purpose: string) =>
      `Why, in ${partner}'s words: ${quote(purpose, 'en')}`,
    reads: 'What it reads (nothing else is decrypted):',
    window: (w: string | undefined) =>
      w === undefined
        ? 'all of your history'
        : `the last ${durationWords(w, 'en').replace(/^1 (\w+)$/, '$1')}`,
    leaves: 'What can leave, per answer:',
    noLeave: 'Nothing leaves your device: the answer is shown to you alone.',
    atMost: (bits: number) => `at most ${bitsWords(bits, 'en')} bits`,
    total: (bits: number) => `In all, one answer carries at most ${bitsWords(bits, 'en')} bits.`,
    answered: (bits: number) =>
      `Whether it answers at all is 1 more bit, counted on every run: at most ${bitsWords(bits, 'en')} bits per run.`,
    noise: (m: NoiseMechanism, eps: number) =>
      `randomized on your device before it leaves (${NOISE_NAMES.en[m]}, ε = ${num(eps, 'en')})`,
    mode: (mode: Mode, partner: string) => MODES.en[mode](partner),
    schedule: (s: ContractSchedule) =>
      s.kind === 'once'
        ? 'How often: once.'
        : s.kind === 'recurring'
          ? `How often: ${everyWords(s.every, 'en')}, until you withdraw.`
          : `How often: each time new ${s.on} arrive in your vault.`,
    until: (at: number | undefined) =>
      at === undefined
        ? 'Until: you withdraw your consent (you can do so at any time).'
        : `Until: ${isoDate(at)} (you can withdraw earlier at any time).`,
    retention: (partner: string, days: number) =>
      `${partner} may keep what it receives for ${days} ${days === 1 ? 'day' : 'days'}, then must delete it.`,
    offer: (partner: string, offer: string) =>
      `In exchange, in ${partner}'s words: ${quote(offer, 'en')}`,
    personalization: (level: number) =>
      `Personalization: level ${level} of 3 (${PERSONALIZATION.en[level - 1]}).`,
    budget: (partner: string, bits: number) =>
      `Limit: at most ${bitsWords(bits, 'en')} bits per day may go to ${partner}, across all its modules.`,
  },
  fr: {
    header: (partner: string, id: string, bundle: string, version: string) =>
      `${partner} (${id}) demande à exécuter ${bundle} version ${version} sur votre appareil.`,
    why: (partner: string, purpose: string) =>
      `Pourquoi, selon ${partner} : ${quote(purpose, 'fr')}`,
    reads: 'Ce qui est lu (rien d’autre n’est déchiffré) :',
    window: (w: string | undefined) =>
      w === undefined ? 'tout votre historique' : frenchWindow(w),
    leaves: 'Ce qui peut partir, par réponse :',
    noLeave: 'Rien ne quitte votre appareil : la réponse n’est montrée qu’à vous.',
    atMost: (bits: number) => `au plus ${bitsWords(bits, 'fr')} bits`,
    total: (bits: number) =>
      `Au total, une réponse porte au plus ${bitsWords(bits, 'fr')} bits d’information.`,
    answered: (bits: number) =>
      `Le fait de répondre ou non compte pour 1 bit de plus, à chaque exécution : au plus ${bitsWords(bits, 'fr')} bits par exécution.`,
    noise: (m: NoiseMechanism, eps: number) =>
      `brouillé sur votre appareil avant de partir (${NOISE_NAMES.fr[m]}, ε = ${num(eps, 'fr')})`,
    mode: (mode: Mode, partner: string) => MODES.fr[mode](partner),
    schedule: (s: ContractSchedule) =>
      s.kind === 'once'
        ? 'Fréquence : une seule fois.'
        : s.kind === 'recurring'
          ? `Fréquence : ${everyWords(s.every, 'fr')}, jusqu’à ce que vous retiriez votre consentement.`
          : `Fréquence : à chaque arrivée de nouvelles données « ${s.on} » dans votre coffre.`,
    until: (at: number | undefined) =>
      at === undefined
        ? 'Jusqu’à quand : jusqu’à ce que vous retiriez votre consentement (à tout moment).'
        : `Jusqu’à quand : le ${isoDate(at)} (vous pouvez le retirer avant, à tout moment).`,
    retention: (partner: string, days: number) =>
      `${partner} peut conserver ce qu’il reçoit ${days} ${days === 1 ? 'jour' : 'jours'}, puis doit l’effacer.`,
    offer: (partner: string, offer: string) =>
      `En échange, selon ${partner} : ${quote(offer, 'fr')}`,
    personalization: (level: number) =>
      `Personnalisation : niveau ${level} sur 3 (${PERSONALIZATION.fr[level - 1]}).`,
    budget: (partner: string, bits: number) =>
      `Limite : au plus ${bitsWords(bits, 'fr')} bits par jour peuvent partir vers ${partner}, tous ses modules confondus.`,
  },
} as const

const NOISE_NAMES: Record<ContractLanguage, Record<NoiseMechanism, string>> = {
  en: {
    'randomized-response': 'randomized response',
    laplace: 'Laplace noise, snapped (Mironov 2012)',
    geometric: 'geometric noise',
  },
  fr: {
    'randomized-response': 'réponse randomisée',
    laplace: 'bruit de Laplace arrondi (Mironov 2012)',
    geometric: 'bruit géométrique',
  },
}

const PERSONALIZATION: Record<ContractLanguage, readonly string[]> = {
  en: ['basic', 'intermediate', 'deep'],
  fr: ['basique', 'intermédiaire', 'approfondie'],
}

const MODES: Record<ContractLanguage, Record<Mode, (partner: string) => string>> = {
  en: {
    private: (p) =>
      `Mode: private. ${p}'s code runs on your device; only the answer above leaves, sealed so that only ${p} can open it.`,
    share: (p) =>
      `Mode: share. The records listed above leave your device as they are, sealed so that only ${p} can open them.`,
    local: () => 'Mode: local. Nothing leaves your device; the answer is shown to you alone.',
  },
  fr: {
    private: (p) =>
      `Mode : privé. Le code de ${p} s’exécute sur votre appareil ; seule la réponse ci-dessus part, scellée pour que seul ${p} puisse l’ouvrir.`,
    share: (p) =>
      `Mode : partage. Les données listées ci-dessus quittent votre appareil telles quelles, scellées pour que seul ${p} puisse les ouvrir.`,
    local: () =>
      'Mode : local. Rien ne quitte votre appareil ; la réponse n’est montrée qu’à vous.',
  },
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** The set of values a field can take, in words. */
export function valueWords(v: ValueShape, lang: ContractLanguage): string {
  const en = lang === 'en'
  const base = ((): string => {
    switch (v.kind) {
      case 'enum': {
        const list = v.values.map((x) => (x === null ? (en ? 'nothing' : 'rien') : String(x)))
        return en ? `one of: ${list.join(', ')}` : `une valeur parmi : ${list.join(', ')}`
      }
      case 'const':
        return en ? `always ${String(v.value)}` : `toujours ${String(v.value)}`
      case 'boolean':
        return en ? 'yes or no' : 'oui ou non'
      case 'integer':
        return en
          ? `a whole number from ${v.min} to ${v.max}`
          : `un nombre entier de ${v.min} à ${v.max}`
      case 'number':
        return en
          ? `a number from ${v.min} to ${v.max}${v.step === undefined ? '' : ` in steps of ${v.step}`}`
          : `un nombre de ${num(v.min, lang)} à ${num(v.max, lang)}${v.step === undefined ? '' : ` par pas de ${num(v.step, lang)}`}`
      case 'string':
        return en
          ? `a text of at most ${v.maxLength} characters`
          : `un texte d’au plus ${v.maxLength} caractères`
      case 'list':
        return en
          ? `a list of at most ${v.maxItems} items`
          : `une liste d’au plus ${v.maxItems} éléments`
      case 'object':
        return en ? 'a group of the fields below' : 'un groupe des champs ci-dessous'
      case 'other':
        return en
          ? 'a value the output schema allows'
          : 'une valeur permise par le schéma de sortie'
    }
  })()
  return v.nullable ? `${base}${en ? ', or nothing' : ', ou rien'}` : base
}
