/**
 * Display hints (`x-display`, docs/display-hints.md): how an output field reads for a person. A
 * partner may put them in its output schema, next to `description`; they never change what can
 * leave (the auditor bounds the schema, not its hints). Until the runtime's schema checker accepts
 * the keyword in signed manifests, the app carries the reference modules' hints here, in the same
 * shape, and a manifest's own hints win over these.
 */

import type { Lang } from './_format.ts'

/** Text in each language, or one text for all. */
export type Localized = string | Readonly<Partial<Record<Lang, string>>>

/** One field's display hint. */
export interface DisplayHint {
  /** The field's short name ("Your shoe size"); default: the first clause of `description`. */
  readonly label?: Localized
  /** How a value reads, `{value}` standing for it ("EU {value}"). */
  readonly template?: Localized
  /** Words for enum values, booleans (`"true"`, `"false"`) and `"null"`. */
  readonly values?: Readonly<Record<string, Localized>>
  /** Amounts: an ISO 4217 code, or the sibling field that holds it. */
  readonly currency?: string | { readonly field: string }
  /** The value is the id of a record of this collection of the person's vault: show that record. */
  readonly record?: string
  /** Draw the field: `bars` (an array of numbers, one bar per item, named by the sibling `labels`), or `ranking` (an array of objects: one bar per item, `label` and `value` fields, `series` a small chart per item). */
  readonly chart?:
    | { readonly kind: 'bars'; readonly labels?: string }
    | {
        readonly kind: 'ranking'
        readonly label: string
        readonly value: string
        readonly series?: string
        readonly labels?: string
      }
  /** Not shown on its own (used by another field's chart, or too technical). */
  readonly hidden?: boolean
}

/** Hints by field path: property names joined by `.`, `[]` for array items, `` for the answer. */
export type DisplayHints = Readonly<Record<string, DisplayHint>>

const yesNo = (yes: Localized, no: Localized): Readonly<Record<string, Localized>> => ({
  true: yes,
  false: no,
})

/** The reference modules' hints, by bundle id. */
export const BUILT_IN_HINTS: Readonly<Record<string, DisplayHints>> = {
  'com.stridewear.shoe-size': {
    euSize: {
      label: { en: 'Your shoe size', fr: 'Votre pointure' },
      template: { en: 'EU {value}', fr: '{value} (EU)' },
      values: {
        null: {
          en: 'not known: no shoe purchase tells it',
          fr: 'inconnue : aucun achat ne l’indique',
        },
      },
    },
  },
  'com.stridewear.favorite-sport': {
    favoriteSport: {
      label: { en: 'Your favourite sport', fr: 'Votre sport préféré' },
      values: {
        running: { en: 'Running', fr: 'Course à pied' },
        cycling: { en: 'Cycling', fr: 'Vélo' },
        swimming: { en: 'Swimming', fr: 'Natation' },
        walking: { en: 'Walking', fr: 'Marche' },
        hiking: { en: 'Hiking', fr: 'Randonnée' },
        yoga: { en: 'Yoga', fr: 'Yoga' },
        strength: { en: 'Strength training', fr: 'Musculation' },
        other: { en: 'Another sport', fr: 'Un autre sport' },
        none: { en: 'None recorded', fr: 'Aucun enregistré' },
      },
    },
  },
  'com.stridewear.top-brand': {
    brand: {
      label: {
        en: 'The brand you follow or mention most',
        fr: 'La marque que vous suivez le plus',
      },
      values: { other: { en: 'None of StrideWear’s brands', fr: 'Aucune marque de StrideWear' } },
    },
  },
  'com.stridewear.running-shoe-age': {
    kmBand: {
      label: {
        en: 'Distance run in your running shoes',
        fr: 'Distance courue avec vos chaussures',
      },
      template: '{value} km',
      values: { null: { en: 'not known', fr: 'inconnue' } },
    },
    replaceSoon: {
      label: { en: 'Time to replace them', fr: 'À remplacer bientôt' },
    },
  },
  'org.openmovementpanel.weekly-activity': {
    weeklyActiveMinutes: {
      label: { en: 'Active minutes per week', fr: 'Minutes d’activité par semaine' },
      template: '{value} min',
    },
    activeDaysPerWeek: { label: { en: 'Active days per week', fr: 'Jours actifs par semaine' } },
  },
  'com.brewline.coffee-trigger': {
    triggered: {
      label: { en: 'You arranged a coffee', fr: 'Vous avez prévu un café' },
    },
    shopId: {
      label: { en: 'Brewline shop nearby', fr: 'Boutique Brewline proche' },
      values: { null: { en: 'none', fr: 'aucune' } },
    },
  },
  'com.skyway.flight-delay-care': {
    atAirport: {
      label: { en: 'You were at the airport in time', fr: 'Vous étiez à l’aéroport à temps' },
    },
    delayBand: {
      label: { en: 'Your last flight', fr: 'Votre dernier vol' },
      values: {
        'on-time': { en: 'On time', fr: 'À l’heure' },
        '15-59m': { en: '15 to 59 minutes late', fr: '15 à 59 minutes de retard' },
        '1-2h': { en: '1 to 2 hours late', fr: '1 à 2 heures de retard' },
        '2-3h': { en: '2 to 3 hours late', fr: '2 à 3 heures de retard' },
        '3-4h': { en: '3 to 4 hours late', fr: '3 à 4 heures de retard' },
        '4h+': { en: 'More than 4 hours late', fr: 'Plus de 4 heures de retard' },
        cancelled: { en: 'Cancelled', fr: 'Annulé' },
        unknown: { en: 'Not known', fr: 'Inconnu' },
      },
    },
    compensationEur: {
      label: { en: 'Compensation owed to you', fr: 'Indemnité qui vous est due' },
      currency: 'EUR',
    },
  },
  'com.northbridgebank.loan-prequalification': {
    monthlyIncomeBand: {
      label: { en: 'Your monthly income', fr: 'Vos revenus mensuels' },
      template: '{value} €',
      values: {
        none: { en: 'No income', fr: 'Aucun revenu' },
        unknown: { en: 'Not known', fr: 'Inconnus' },
      },
    },
    salaryMonths: {
      label: { en: 'Months with a salary, of the last 12', fr: 'Mois avec un salaire, sur 12' },
    },
    expenseRatioBand: {
      label: { en: 'Spending as a share of income', fr: 'Dépenses rapportées aux revenus' },
      template: '{value} %',
      values: {
        'no-income': { en: 'No income', fr: 'Aucun revenu' },
        unknown: { en: 'Not known', fr: 'Inconnu' },
      },
    },
    overdraftBand: {
      label: { en: 'Times overdrawn in 6 months', fr: 'Découverts en 6 mois' },
      values: { none: { en: 'Never', fr: 'Jamais' } },
    },
  },
  'com.clearledger.spending-insights': {
    currency: { hidden: true },
    months: { hidden: true },
    otherCurrencies: {
      label: {
        en: 'Accounts in other currencies, left out',
        fr: 'Comptes dans d’autres devises, exclus',
      },
    },
    totalPerMonth: {
      label: { en: 'Spent per month', fr: 'Dépenses par mois' },
      chart: { kind: 'bars', labels: 'months' },
      currency: { field: 'currency' },
    },
    categories: {
      label: { en: 'Spent per category over the year', fr: 'Dépenses par catégorie sur l’année' },
      chart: {
        kind: 'ranking',
        label: 'category',
        value: 'total',
        series: 'monthly',
        labels: 'months',
      },
      currency: { field: 'currency' },
    },
    largestChanges: {
      label: { en: 'What changed lately', fr: 'Ce qui a changé récemment' },
    },
    'largestChanges[].category': { label: { en: 'Category', fr: 'Catégorie' } },
    'largestChanges[].trend': {
      label: { en: 'Trend', fr: 'Tendance' },
      values: {
        up: { en: 'Up', fr: 'En hausse' },
        down: { en: 'Down', fr: 'En baisse' },
      },
    },
    'largestChanges[].change': {
      label: {
        en: 'Last 3 months against the 3 before',
        fr: '3 derniers mois contre les 3 d’avant',
      },
      currency: { field: 'currency' },
    },
  },
  'com.cleanslate.social-post-review': {
    postsReviewed: { label: { en: 'Posts read', fr: 'Publications lues' } },
    flaggedCount: {
      label: { en: 'Posts a recruiter might object to', fr: 'Publications qui pourraient gêner' },
    },
    byCategory: { label: { en: 'Why', fr: 'Pourquoi' } },
    'byCategory.profanity': { label: { en: 'Swearing', fr: 'Grossièretés' } },
    'byCategory.drugs': { label: { en: 'Drugs', fr: 'Drogues' } },
    'byCategory.violence': { label: { en: 'Violence', fr: 'Violence' } },
    'byCategory.discrimination': { label: { en: 'Discrimination', fr: 'Discrimination' } },
    flagged: { label: { en: 'Posts to review', fr: 'Publications à revoir' } },
    'flagged[].postId': { label: { en: 'Post', fr: 'Publication' }, record: 'posts' },
    'flagged[].date': { label: { en: 'Posted', fr: 'Publiée le' } },
    'flagged[].platform': { label: { en: 'Where', fr: 'Où' } },
    'flagged[].categories': {
      label: { en: 'Why', fr: 'Pourquoi' },
      values: {
        profanity: { en: 'swearing', fr: 'grossièretés' },
        drugs: { en: 'drugs', fr: 'drogues' },
        violence: { en: 'violence', fr: 'violence' },
        discrimination: { en: 'discrimination', fr: 'discrimination' },
      },
    },
    'flagged[].terms': { label: { en: 'Words that matched', fr: 'Mots repérés' } },
  },
}

/** Text in `lang`, falling back to English, then to any language given. */
export function localized(text: Localized | undefined, lang: Lang): string | undefined {
  if (text === undefined) return undefined
  if (typeof text === 'string') return text
  return text[lang] ?? text.en ?? Object.values(text)[0]
}
