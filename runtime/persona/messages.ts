/**
 * The `messages` collection: short chat bursts with friends, family and colleagues in several
 * languages, some of them coffee invitations with an answer ("on va prendre un café ?",
 * "want to grab a coffee?", "no coffee for me today").
 */

import { chatLines, CHAT_LINES } from './_chat_lines.ts'
import {
  MINUTE_MS,
  RecordEmitter,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { Prng } from './_prng.ts'

/** Messages per day at scale 1 (≈ 3,000 in three years). */
export const MESSAGES_PER_DAY = 2.7
/** Share of conversation bursts that start with a coffee invitation. */
export const COFFEE_SHARE = 0.1

interface Conversation {
  readonly name: string
  readonly platform: string
  readonly language: string
  readonly members: readonly string[]
  readonly weight: number
}

/** The persona's conversations: one per friend, a family group and a work group. */
export function conversationsOf(ctx: PersonaContext): Conversation[] {
  const rng = new Prng(ctx.seed, 'conversations')
  const p = ctx.profile
  const languages = Object.keys(CHAT_LINES)
  const platforms: readonly (readonly [string, number])[] = [
    ['whatsapp', 60],
    ['signal', 15],
    ['instagram', 12],
    ['sms', 13],
  ]
  const friends = p.friends.map((friend, i) => ({
    name: friend,
    platform: rng.weighted(platforms),
    language: rng.chance(0.6) ? p.language : rng.chance(0.6) ? 'en' : rng.pick(languages),
    members: [friend],
    weight: 8 - i * 0.7,
  }))
  return [
    ...friends,
    {
      name: 'Family',
      platform: 'whatsapp',
      language: p.language,
      members: [`Mum`, `Dad`, p.friends[0] ?? 'Alex'],
      weight: 5,
    },
    {
      name: `${p.employer} team`,
      platform: 'whatsapp',
      language: rng.chance(0.5) ? 'en' : p.language,
      members: p.friends.slice(2, 5),
      weight: 4,
    },
  ]
}

/** Yields messages in send order. */
export function* generateMessages(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'messages')
  const me = ctx.profile.name
  const conversations = conversationsOf(ctx).map((c) => [c, c.weight] as const)
  const emitter = new RecordEmitter(ctx, 'messages', 'sentAt')
  const drafts: Draft[] = []
  const meanBurst = 3.4
  for (const dayStart of ctx.dayStarts) {
    const bursts = rng.poisson((MESSAGES_PER_DAY * ctx.scale) / meanBurst)
    for (let b = 0; b < bursts; b++) {
      const c = rng.weighted(conversations)
      const lines = chatLines(c.language)
      let at = dayStart + rng.int(7 * 60, 22 * 60) * MINUTE_MS + rng.int(0, 59_999)
      let fromMe = rng.chance(0.45)
      const say = (text: string): void => {
        drafts.push({
          at,
          fields: {
            platform: c.platform,
            conversation: c.name,
            kind: 'message',
            sender: fromMe ? me : rng.pick(c.members),
            fromMe,
            text,
            lang: c.language,
            source: 'persona',
          },
        })
        // At most 10 minutes between lines and 8 lines: a burst ends before midnight.
        at += rng.int(1, 120) * 5_000
        fromMe = !fromMe
      }
      if (rng.chance(COFFEE_SHARE)) {
        say(rng.pick(lines.coffeeInvite))
        say(rng.pick(rng.chance(0.65) ? lines.coffeeYes : lines.coffeeNo))
        if (rng.chance(0.5)) say(rng.pick(lines.reply))
        continue
      }
      const n = Math.min(8, Math.max(1, Math.round(rng.normal(meanBurst, 1.5))))
      say(rng.pick(rng.chance(0.15) ? lines.sport : lines.opener))
      for (let i = 1; i < n; i++) {
        if (rng.chance(0.3)) fromMe = !fromMe
        say(rng.pick(lines.reply))
      }
    }
    yield* emitter.flush(drafts)
  }
}
