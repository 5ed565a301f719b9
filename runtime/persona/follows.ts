/** The `follows` collection: accounts the persona follows and accounts that follow them. */

import {
  MINUTE_MS,
  RecordEmitter,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { Prng } from './_prng.ts'

/** Follow events per day at scale 1 (≈ 250 in three years). */
export const FOLLOWS_PER_DAY = 0.23

const TOPICS = [
  'run',
  'coffee',
  'bikes',
  'news',
  'books',
  'travel',
  'design',
  'science',
  'food',
  'yoga',
]
const SUFFIXES = ['daily', 'club', 'hq', 'lab', 'notes', 'crew', 'official', 'fan']

/** Yields follow edges in time order. */
export function* generateFollows(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'follows')
  const p = ctx.profile
  const emitter = new RecordEmitter(ctx, 'follows', 'followedAt')
  const platforms = ['x', 'instagram', 'mastodon']
  const drafts: Draft[] = []
  for (const dayStart of ctx.dayStarts) {
    const n = rng.poisson(FOLLOWS_PER_DAY * ctx.scale)
    for (let i = 0; i < n; i++) {
      const person = rng.chance(0.5)
      const name = person ? rng.pick(p.friends) : `${rng.pick(TOPICS)} ${rng.pick(SUFFIXES)}`
      const account = `${name
        .normalize('NFD')
        .replace(/[^a-zA-Z ]/g, '')
        .toLowerCase()
        .replace(/ /g, '_')}${rng.int(1, 9999)}`
      const platform = rng.pick(platforms)
      const host =
        platform === 'x'
          ? 'x.com'
          : platform === 'instagram'
            ? 'www.instagram.com'
            : 'mastodon.social/@'
      drafts.push({
        at: dayStart + rng.int(7 * 60, 23 * 60) * MINUTE_MS + rng.int(0, 59_999),
        fields: {
          platform,
          account,
          accountName: person ? name : name.replace(/\b\w/g, (c) => c.toUpperCase()),
          accountUrl: `https://${host}${host.endsWith('@') ? '' : '/'}${account}`,
          direction: rng.chance(0.55) ? 'following' : 'follower',
          source: 'persona',
        },
      })
    }
    yield* emitter.flush(drafts)
  }
}
