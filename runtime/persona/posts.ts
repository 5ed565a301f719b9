/** The `posts` collection: a hundred or so public posts, replies and reposts over three years. */

import {
  DAY_MS,
  MINUTE_MS,
  tripAt,
  RecordEmitter,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { Prng } from './_prng.ts'

/** Posts per day at scale 1 (≈ 100 in three years). */
export const POSTS_PER_DAY = 0.092

const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'Great {sport} session this morning in {city} {emoji}',
    'Anyone know a good bookshop in {city}?',
    'Coffee first, then everything else ☕',
    'New personal best today! {emoji} #{sport}',
    'Rainy Sunday, perfect for reading',
    'Back from {trip}, already missing it',
    'Working on something new at {employer}, stay tuned',
  ],
  fr: [
    'Super séance de {sport} ce matin à {city} {emoji}',
    'Une bonne librairie à {city} à me conseiller ?',
    "D'abord un café, ensuite le reste ☕",
    'Nouveau record perso aujourd’hui ! {emoji} #{sport}',
    'Dimanche pluvieux, parfait pour lire',
    'De retour de {trip}, ça me manque déjà',
  ],
  de: [
    'Tolle {sport}-Einheit heute früh in {city} {emoji}',
    'Kennt jemand einen guten Buchladen in {city}?',
    'Erst Kaffee, dann alles andere ☕',
    'Neue Bestzeit heute! {emoji} #{sport}',
    'Verregneter Sonntag, perfekt zum Lesen',
    'Zurück aus {trip}, vermisse es jetzt schon',
  ],
  es: [
    'Gran sesión de {sport} esta mañana en {city} {emoji}',
    '¿Alguien conoce una buena librería en {city}?',
    'Primero café, luego todo lo demás ☕',
    '¡Nueva marca personal hoy! {emoji} #{sport}',
    'Domingo lluvioso, perfecto para leer',
    'De vuelta de {trip}, ya lo echo de menos',
  ],
}

const REPLIES = [
  'Congrats! 🎉',
  'So true',
  'Thanks for sharing',
  'Love this',
  'Where is this?',
  '+1',
]
const EMOJI = ['🏃', '🚴', '🏊', '💪', '🌞', '🙌']

/** Yields posts in time order. */
export function* generatePosts(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'posts')
  const p = ctx.profile
  const emitter = new RecordEmitter(ctx, 'posts', 'postedAt')
  const platforms = rng.chance(0.5)
    ? ['x', 'instagram']
    : [rng.pick(['x', 'mastodon', 'instagram'])]
  const language = TEMPLATES[p.language] !== undefined && rng.chance(0.7) ? p.language : 'en'
  const handle = `${p.givenName}${p.familyName}`
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase()
  let postId = 1_400_000_000_000_000_000n + BigInt(rng.int(0, 1e9))
  const drafts: Draft[] = []
  for (const dayStart of ctx.dayStarts) {
    const n = rng.poisson(POSTS_PER_DAY * ctx.scale)
    for (let i = 0; i < n; i++) {
      const platform = rng.pick(platforms)
      const kind = rng.weighted([
        ['post', 70],
        ['reply', 20],
        ['repost', 10],
      ] as const)
      const lang = kind === 'reply' ? 'en' : language
      const lastTrip = tripAt(ctx, dayStart - 3 * DAY_MS)
      const recentTrip =
        lastTrip !== undefined && lastTrip.inbound.arrivesAt < dayStart ? lastTrip : undefined
      let text =
        kind === 'reply'
          ? rng.pick(REPLIES)
          : rng
              .pick((TEMPLATES[lang] ?? TEMPLATES['en']) as readonly string[])
              .replaceAll('{sport}', p.favoriteSport)
              .replaceAll('{city}', p.city.name)
              .replaceAll('{employer}', p.employer)
              .replaceAll('{trip}', recentTrip?.destination.city ?? 'the coast')
              .replaceAll('{emoji}', rng.pick(EMOJI))
      const friendHandle = rng
        .pick(p.friends)
        .normalize('NFD')
        .replace(/[^a-zA-Z]/g, '')
        .toLowerCase()
      if (kind === 'repost') text = `RT @${friendHandle}_${rng.int(1, 99)}: ${text}`
      postId += BigInt(rng.int(1, 1e9))
      drafts.push({
        at: dayStart + rng.int(7 * 60, 23 * 60) * MINUTE_MS + rng.int(0, 59_999),
        fields: {
          platform,
          kind,
          text,
          lang,
          likes: kind === 'repost' ? 0 : Math.floor(-Math.log(1 - rng.next()) * 12),
          reposts: kind === 'repost' ? 0 : Math.floor(-Math.log(1 - rng.next()) * 1.5),
          replyTo: kind === 'reply' ? `@${friendHandle}` : undefined,
          hashtags: text
            .match(/#(\w+)/g)
            ?.map((h) => h.slice(1))
            .join(' '),
          mentions: kind === 'reply' ? friendHandle : undefined,
          url: `https://${platform === 'x' ? 'x.com' : platform === 'mastodon' ? 'mastodon.social' : 'www.instagram.com'}/${handle}/${platform === 'instagram' ? 'p' : 'status'}/${postId}`,
          postId: String(postId),
          source: 'persona',
        },
      })
    }
    yield* emitter.flush(drafts)
  }
}
