/**
 * Words and numbers as a person reads them: collection and field labels, dates (date-only rows
 * without a made-up midnight), money in its currency, and machine values (`under-1500`,
 * `orderedAt`) turned into words when nothing better is known.
 */

/** Languages the app speaks. */
export type Lang = 'en' | 'fr'

const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' }

/** The BCP 47 locale of a language (dates, numbers, currencies). */
export const localeOf = (lang: Lang): string => LOCALES[lang]

type Words = Readonly<Record<Lang, string>>

/** What each collection holds, as a person names it. */
export const COLLECTION_LABELS: Readonly<Record<string, Words>> = {
  activities: { en: 'Workouts', fr: 'Séances de sport' },
  browsing: { en: 'Web history', fr: 'Historique web' },
  flights: { en: 'Flights', fr: 'Vols' },
  follows: { en: 'Social connections', fr: 'Abonnements' },
  health: { en: 'Health records', fr: 'Dossier médical' },
  locations: { en: 'Places and tracks', fr: 'Lieux et parcours' },
  messages: { en: 'Messages', fr: 'Messages' },
  posts: { en: 'Social posts', fr: 'Publications' },
  profile: { en: 'About you', fr: 'À propos de vous' },
  purchases: { en: 'Purchases', fr: 'Achats' },
  transactions: { en: 'Bank transactions', fr: 'Opérations bancaires' },
}

/** Field labels shared by many collections, then per collection where the meaning differs. */
const FIELD_LABELS: Readonly<Record<string, Words>> = {
  startedAt: { en: 'Date', fr: 'Date' },
  orderedAt: { en: 'Order date', fr: 'Date de commande' },
  bookedAt: { en: 'Date', fr: 'Date' },
  valueAt: { en: 'Value date', fr: 'Date de valeur' },
  postedAt: { en: 'Posted', fr: 'Publié le' },
  sentAt: { en: 'Sent', fr: 'Envoyé le' },
  visitedAt: { en: 'Visited', fr: 'Visité le' },
  departsAt: { en: 'Departs', fr: 'Départ' },
  arrivesAt: { en: 'Arrives', fr: 'Arrivée' },
  followedAt: { en: 'Since', fr: 'Depuis' },
  recordedAt: { en: 'Date', fr: 'Date' },
  updatedAt: { en: 'Updated', fr: 'Mis à jour' },
  at: { en: 'When', fr: 'Quand' },
  endAt: { en: 'Until', fr: 'Jusqu’au' },
  sport: { en: 'Sport', fr: 'Sport' },
  durationSec: { en: 'Duration', fr: 'Durée' },
  distanceM: { en: 'Distance', fr: 'Distance' },
  avgHeartRate: { en: 'Average heart rate', fr: 'Fréquence cardiaque moyenne' },
  elevationGainM: { en: 'Climb', fr: 'Dénivelé' },
  calories: { en: 'Calories', fr: 'Calories' },
  name: { en: 'Name', fr: 'Nom' },
  merchant: { en: 'Shop', fr: 'Magasin' },
  category: { en: 'Category', fr: 'Catégorie' },
  brand: { en: 'Brand', fr: 'Marque' },
  item: { en: 'Item', fr: 'Article' },
  size: { en: 'Size', fr: 'Taille' },
  amount: { en: 'Amount', fr: 'Montant' },
  currency: { en: 'Currency', fr: 'Devise' },
  quantity: { en: 'Quantity', fr: 'Quantité' },
  description: { en: 'Description', fr: 'Libellé' },
  counterparty: { en: 'Paid to or by', fr: 'Tiers' },
  type: { en: 'Type', fr: 'Type' },
  balance: { en: 'Balance', fr: 'Solde' },
  platform: { en: 'Where', fr: 'Où' },
  text: { en: 'Text', fr: 'Texte' },
  sender: { en: 'From', fr: 'De' },
  conversation: { en: 'Conversation', fr: 'Conversation' },
  subject: { en: 'Subject', fr: 'Objet' },
  title: { en: 'Title', fr: 'Titre' },
  url: { en: 'Link', fr: 'Lien' },
  domain: { en: 'Site', fr: 'Site' },
  placeName: { en: 'Place', fr: 'Lieu' },
  lat: { en: 'Latitude', fr: 'Latitude' },
  lon: { en: 'Longitude', fr: 'Longitude' },
  kind: { en: 'Kind', fr: 'Sorte' },
  origin: { en: 'From', fr: 'De' },
  destination: { en: 'To', fr: 'À' },
  carrier: { en: 'Airline', fr: 'Compagnie' },
  flightNumber: { en: 'Flight', fr: 'Vol' },
  status: { en: 'Status', fr: 'Statut' },
  display: { en: 'What', fr: 'Quoi' },
  key: { en: 'What', fr: 'Quoi' },
  value: { en: 'Value', fr: 'Valeur' },
  account: { en: 'Account', fr: 'Compte' },
  likes: { en: 'Likes', fr: 'J’aime' },
  source: { en: 'Imported from', fr: 'Importé de' },
}

/** `orderedAt` → "Ordered at", `kmBand` → "Km band": the last resort for a label. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A collection's name for a person. */
export function collectionLabel(name: string, lang: Lang): string {
  return COLLECTION_LABELS[name]?.[lang] ?? humanize(name)
}

/** A field's name for a person. */
export function fieldLabel(field: string, lang: Lang): string {
  return FIELD_LABELS[field]?.[lang] ?? humanize(field)
}

/** Time fields (`startedAt`, `at`, `date`, …) hold ms since epoch. */
export const isTimeField = (field: string): boolean => /(At|^at|^date|^time|Time)$/.test(field)

const DAY_MS = 86_400_000

/**
 * A moment in the person's locale. Exports that carry only a day (bank statements, FHIR dates)
 * are stored at 00:00 UTC: those show as the day alone, in UTC, so no "12:00 AM" is invented and
 * no time zone moves them to the day before.
 */
export function when(ms: number | null | undefined, lang: Lang = 'en'): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  const date = new Date(ms)
  if (ms % DAY_MS === 0) {
    return date.toLocaleDateString(localeOf(lang), { dateStyle: 'medium', timeZone: 'UTC' })
  }
  return date.toLocaleString(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' })
}

/** A day: `ms` as a date only. */
export function day(ms: number | null | undefined, lang: Lang = 'en'): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  return new Date(ms).toLocaleDateString(localeOf(lang), { dateStyle: 'medium' })
}

/** An amount in a currency (ISO 4217 code), or a plain number when the code is unknown. */
export function money(amount: number, currency: string | undefined, lang: Lang = 'en'): string {
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency }).format(amount)
    } catch {
      // An unknown code: fall through to the plain number with the code after it.
    }
  }
  const n = number(amount, lang)
  return currency ? `${n} ${currency}` : n
}

/** A number in the person's locale. */
export function number(n: number, lang: Lang = 'en'): string {
  return n.toLocaleString(localeOf(lang), { maximumFractionDigits: 2 })
}

/** A duration in seconds as "1 h 05 min" / "42 min". */
export function duration(seconds: number): string {
  const m = Math.round(seconds / 60)
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min` : `${m} min`
}

/**
 * A machine value in words: `under-1500` → "under 1,500", `7500-plus` → "7,500 or more",
 * `15-59m` → "15–59 min", `new-balance` → "New balance". Numbers keep their locale's digits.
 */
export function valueWords(value: string, lang: Lang = 'en'): string {
  const more = lang === 'en' ? 'or more' : 'ou plus'
  const under = lang === 'en' ? 'under' : 'moins de'
  let s = value
    .replace(/^(\d+)-plus$/, `$1 ${more}`)
    .replace(/^(\d+)\+$/, `$1 ${more}`)
    .replace(/^(\d+)h\+$/, `$1 h ${more}`)
    .replace(/^under-(\d+)$/, `${under} $1`)
    .replace(/^(\d+)-(\d+)(m|h)?$/, (_, a: string, b: string, u: string | undefined) =>
      u ? `${a}–${b} ${u === 'm' ? 'min' : 'h'}` : `${a}–${b}`,
    )
    .replace(/(\d{4,})/g, (d) => Number(d).toLocaleString(localeOf(lang)))
  if (/^[a-z]+(-[a-z]+)*$/.test(s)) s = s.replace(/-/g, ' ')
  return s.charAt(0).toUpperCase() + s.slice(1)
}
