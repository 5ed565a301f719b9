/** The `browsing` collection: page visits and web searches that follow the persona's interests. */

import {
  MINUTE_MS,
  RecordEmitter,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { Prng } from './_prng.ts'

/** History entries per day at scale 1 (≈ 5,500 in three years). */
export const BROWSING_PER_DAY = 5

const SITES: readonly (readonly [
  domain: string,
  paths: readonly (readonly [path: string, title: string])[],
  weight: number,
])[] = [
  [
    'en.wikipedia.org',
    [
      ['/wiki/Marathon', 'Marathon - Wikipedia'],
      ['/wiki/Espresso', 'Espresso - Wikipedia'],
      ['/wiki/Haversine_formula', 'Haversine formula - Wikipedia'],
      ['/wiki/Shoe_size', 'Shoe size - Wikipedia'],
    ],
    14,
  ],
  [
    'bbc.com',
    [
      ['/news', 'BBC News - Home'],
      ['/news/world', 'World - BBC News'],
      ['/sport', 'BBC Sport'],
    ],
    12,
  ],
  [
    'lemonde.fr',
    [
      ['/', 'Le Monde.fr - Actualités et Infos en France et dans le monde'],
      ['/sport/', 'Sport - Le Monde'],
    ],
    6,
  ],
  [
    'strava.com',
    [
      ['/dashboard', 'Dashboard | Strava'],
      ['/athletes/training', 'Training Log | Strava'],
    ],
    10,
  ],
  [
    'runnersworld.com',
    [
      ['/training/', 'Running Training Plans'],
      ['/gear/', 'Best Running Shoes 2025'],
    ],
    7,
  ],
  [
    'youtube.com',
    [
      ['/watch?v=dQw4w9WgXcQ', 'YouTube'],
      ['/feed/subscriptions', 'Subscriptions - YouTube'],
    ],
    14,
  ],
  [
    'github.com',
    [
      ['/', 'GitHub'],
      ['/notifications', 'Notifications'],
    ],
    6,
  ],
  ['stackoverflow.com', [['/questions', 'Newest Questions - Stack Overflow']], 4],
  [
    'booking.com',
    [
      ['/searchresults.html', 'Booking.com: hotels'],
      ['/index.html', 'Booking.com | Official site'],
    ],
    4,
  ],
  [
    'stridewear.example',
    [
      ['/running-shoes', 'Running shoes | StrideWear'],
      ['/sale', 'Sale | StrideWear'],
    ],
    5,
  ],
  [
    'amazon.com',
    [
      ['/gp/your-account/order-history', 'Your Orders'],
      ['/s?k=coffee+beans', 'Amazon.com : coffee beans'],
    ],
    6,
  ],
  ['weather.com', [['/weather/today', 'Weather Forecast and Conditions']], 5],
]

const SEARCHES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'running shoes size {eu}',
    'weather {city}',
    'best coffee near me',
    'half marathon training plan',
    'flights to {dest}',
    'how to fix a bike puncture',
    'lasagna recipe',
    'museum opening hours {city}',
  ],
  fr: [
    'chaussures de running pointure {eu}',
    'météo {city}',
    'meilleur café près de moi',
    'plan entraînement semi-marathon',
    'vol pour {dest}',
    'recette lasagnes',
  ],
  de: [
    'Laufschuhe Größe {eu}',
    'Wetter {city}',
    'bester Kaffee in der Nähe',
    'Trainingsplan Halbmarathon',
    'Flug nach {dest}',
    'Lasagne Rezept',
  ],
  es: [
    'zapatillas running talla {eu}',
    'tiempo {city}',
    'mejor café cerca de mí',
    'plan entrenamiento media maratón',
    'vuelos a {dest}',
    'receta lasaña',
  ],
}

/** Yields history entries in time order. */
export function* generateBrowsing(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'browsing')
  const p = ctx.profile
  const emitter = new RecordEmitter(ctx, 'browsing', 'visitedAt')
  const sites = SITES.map(([domain, paths, weight]) => [[domain, paths] as const, weight] as const)
  const searches = SEARCHES[p.language] ?? (SEARCHES['en'] as readonly string[])
  const drafts: Draft[] = []
  for (const dayStart of ctx.dayStarts) {
    const n = rng.poisson(BROWSING_PER_DAY * ctx.scale)
    for (let i = 0; i < n; i++) {
      const at = dayStart + rng.int(7 * 60, 23 * 60 + 30) * MINUTE_MS + rng.int(0, 59_999)
      if (rng.chance(0.2)) {
        const query = rng
          .pick(rng.chance(0.7) ? searches : (SEARCHES['en'] as readonly string[]))
          .replaceAll('{eu}', String(p.shoeSize.eu))
          .replaceAll('{city}', p.city.name)
          .replaceAll('{dest}', rng.pick(['Lisbon', 'Rome', 'New York', 'Tokyo', 'Barcelona']))
        drafts.push({
          at,
          fields: {
            url: `https://www.google.com/search?q=${encodeURIComponent(query).replace(/%20/g, '+')}`,
            title: `${query} - Google Search`,
            domain: 'google.com',
            kind: 'search',
            query,
            transition: 'typed',
            source: 'persona',
          },
        })
        continue
      }
      const [domain, paths] = rng.weighted(sites)
      const [path, title] = rng.pick(paths)
      drafts.push({
        at,
        fields: {
          url: `https://${domain === 'en.wikipedia.org' ? '' : 'www.'}${domain}${path}`,
          title,
          domain,
          kind: 'visit',
          transition: rng.weighted([
            ['link', 60],
            ['typed', 20],
            ['bookmark', 10],
            ['reload', 10],
          ] as const),
          durationSec: Math.round(-Math.log(1 - rng.next()) * 90),
          source: 'persona',
        },
      })
    }
    yield* emitter.flush(drafts)
  }
}
