import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import {
  parseTwitterDate,
  xArchiveImporter as importer,
} from '../../runtime/importers/x_archive.ts'
import {
  bytesSource,
  hasSchema,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const TWEETS = 'social/x_archive_tweets.js'
const FOLLOWING = 'social/x_archive_following.js'
const FOLLOWER = 'social/x_archive_follower.js'

async function load(rel: string, chunkSize?: number) {
  return readAllRecords(
    importer,
    bytesSource(rel.split('/').pop() ?? rel, sharedFixture(rel), chunkSize),
  )
}

function archive(name: string, list: unknown[]): string {
  return `window.YTD.${name}.part0 = ${JSON.stringify(list, null, 2)}`
}

describe('X archive importer', () => {
  it('recognises the window.YTD wrapper', () => {
    for (const rel of [TWEETS, FOLLOWING, FOLLOWER])
      expect(importer.sniff(sharedFixture(rel), 'x.js')).toBe(95)
    expect(importer.sniff(new TextEncoder().encode('window.YTD.like.part0 = []'), 'like.js')).toBe(
      40,
    )
    expect(importer.sniff(new TextEncoder().encode('[{"tweet": {}}]'), 'tweets.json')).toBe(0)
  })

  it('reads the 3 tweets with dates, text, counts, mentions and media', async () => {
    const posts = recordsOf(await load(TWEETS), 'posts')
    expect(posts.map((p) => [p.postId, p.postedAt, p.kind, p.mentions, p.mediaCount])).toEqual([
      ['156', Date.parse('2022-09-10T01:52:13Z'), 'repost', 'A_Very_Important_Person', 0],
      ['115', Date.parse('2019-08-02T13:00:18Z'), 'repost', 'FakeCamelCase', 0],
      ['123', Date.parse('2020-03-13T16:12:50Z'), 'repost', 'businesscat', 1],
    ])
    expect(posts[1]).toMatchObject({
      text: "RT @fakecamelcase: Also: let's test extra colons.",
      lang: 'en',
      likes: 0,
      reposts: 0,
      platform: 'x',
      url: 'https://x.com/i/web/status/115',
    })
    expect(posts[2]?.mediaCount).toBe(1)
  })

  it('reads following and follower account ids, dated approximately by the export time', async () => {
    const exportedAt = '2024-05-01T00:00:00Z'
    const source = bytesSource('following.js', sharedFixture(FOLLOWING))
    const following = recordsOf(await readAllRecords(importer, source, { exportedAt }), 'follows')
    expect(following[0]).toMatchObject({ followedAt: Date.parse(exportedAt), approximate: true })
    expect(following.map((f) => [f.direction, f.account])).toEqual([
      ['following', '547842573'],
      ['following', '12158'],
    ])
    expect(recordsOf(await load(FOLLOWER), 'follows').map((f) => [f.direction, f.account])).toEqual(
      [
        ['follower', '73747798'],
        ['follower', '386025404'],
      ],
    )
  })

  it('tells replies from posts and unescapes the archive HTML escapes', async () => {
    const text = archive('tweet', [
      {
        tweet: {
          id_str: '1',
          created_at: 'Mon Jan 01 00:00:00 +0000 2024',
          full_text: 'a &lt;b&gt; &amp; c',
          favorite_count: '7',
        },
      },
      {
        tweet: {
          id_str: '2',
          created_at: 'Mon Jan 01 01:00:00 +0100 2024',
          full_text: '@ana yes #tea',
          in_reply_to_status_id_str: '9',
          in_reply_to_screen_name: 'ana',
          entities: { hashtags: [{ text: 'tea' }], user_mentions: [{ screen_name: 'ana' }] },
        },
      },
    ])
    const posts = recordsOf(await readAllRecords(importer, textSource('tweet.js', text)), 'posts')
    expect(posts.map((p) => [p.kind, p.text, p.postedAt, p.likes, p.hashtags, p.replyTo])).toEqual([
      ['post', 'a <b> & c', Date.UTC(2024, 0, 1), 7, undefined, undefined],
      ['reply', '@ana yes #tea', Date.UTC(2024, 0, 1), undefined, 'tea', 'ana'],
    ])
  })

  it('gives the same ids when imported twice', async () => {
    for (const rel of [TWEETS, FOLLOWING, FOLLOWER]) {
      const a = (await load(rel)).map((r) => r.record.id)
      expect((await load(rel, 11)).map((r) => r.record.id)).toEqual(a)
      expect(new Set(a).size).toBe(a.length)
    }
  })

  it.skipIf(!hasSchema('posts'))('yields records valid against the posts schema', async () => {
    expect(schemaErrors(await load(TWEETS))).toEqual([])
  })

  it.skipIf(!hasSchema('follows'))('yields records valid against the follows schema', async () => {
    expect(schemaErrors([...(await load(FOLLOWING)), ...(await load(FOLLOWER))])).toEqual([])
  })

  it('refuses a file without the wrapper, a bad date, and an unknown data file', async () => {
    const cases = [
      '[{"tweet": {}}]',
      archive('tweets', [{ tweet: { created_at: 'yesterday', full_text: 'x' } }]),
      archive('direct_messages', []),
      'window.YTD.tweets.part0 = [ {',
    ]
    for (const text of cases) {
      expect(
        await thrown(() => readAllRecords(importer, textSource('tweets.js', text))),
      ).toBeInstanceOf(ImportFormatError)
    }
  })

  it('reports a JSON error with its line', async () => {
    const error = await thrown(() =>
      readAllRecords(
        importer,
        textSource('tweets.js', 'window.YTD.tweets.part0 = [\n {\n  "a": ,\n}]'),
      ),
    )
    expect((error as ImportFormatError).position.line).toBe(3)
  })

  it('parses archive dates with their zone', () => {
    expect(parseTwitterDate('Sat Sep 10 01:52:13 +0000 2022')).toBe(
      Date.parse('2022-09-10T01:52:13Z'),
    )
    expect(parseTwitterDate('Sat Sep 10 01:52:13 -0230 2022')).toBe(
      Date.parse('2022-09-10T04:22:13Z'),
    )
    expect(parseTwitterDate('Sat Feb 30 01:52:13 +0000 2022')).toBeUndefined()
  })

  it('round-trips generated tweets (property)', async () => {
    const tweet = fc.record({
      id: fc.bigInt({ min: 1n, max: 2n ** 63n }).map(String),
      t: fc
        .integer({ min: Date.UTC(2006, 0, 1), max: Date.UTC(2099, 0, 1) })
        .map((t) => t - (t % 1000)),
      text: fc.string({ unit: 'grapheme', maxLength: 280 }),
      likes: fc.nat(1_000_000),
    })
    const escape = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    const twitterDate = (t: number) => {
      const [day, mon, date, year, time] = new Date(t).toUTCString().replace(',', '').split(' ')
      return `${day} ${date} ${mon} ${time} +0000 ${year}`.replace(/^(\w+) (\d+) (\w+)/, '$1 $3 $2')
    }
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(tweet, { selector: (t) => t.id, maxLength: 8 }),
        async (list) => {
          const text = archive(
            'tweets',
            list.map((t) => ({
              tweet: {
                id_str: t.id,
                created_at: twitterDate(t.t),
                full_text: escape(t.text),
                favorite_count: String(t.likes),
              },
            })),
          )
          const posts = recordsOf(
            await readAllRecords(importer, textSource('tweets.js', text, 29)),
            'posts',
          )
          expect(posts.map((p) => [p.postId, p.postedAt, p.text, p.likes])).toEqual(
            list.map((t) => [t.id, t.t, t.text, t.likes]),
          )
        },
      ),
      { numRuns: 100 },
    )
  })

  it('throws nothing but ImportFormatError on garbage (property)', async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.json().map((j) => `window.YTD.tweets.part0 = ${j}`),
      fc.json().map((j) => `window.YTD.following.part0 = [{"following": ${j}}]`),
      fc
        .json()
        .map(
          (j) =>
            `window.YTD.tweets.part0 = [{"tweet": {"created_at": "Mon Jan 01 00:00:00 +0000 2024", "full_text": ${j}, "entities": ${j}}}]`,
        ),
    )
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        const error = await thrown(() => readAllRecords(importer, textSource('tweets.js', text)))
        if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
      }),
      { numRuns: 300 },
    )
  })
})
