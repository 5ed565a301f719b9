/**
 * Facebook and Instagram "Download your information": posts, followers, following, friends
 * (`meta-social`) and Messenger chats (`instagram`), recognised by content, with Meta's mojibake
 * repaired, stable ids, typed errors, and the same records from inside the export's zip.
 */
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { detectFormat, ImportFormatError } from '../../runtime/importers/index.ts'
import type { ArchiveEntryReport, ImportedRecord } from '../../runtime/importers/index.ts'
import { metaSocialImporter as importer } from '../../runtime/importers/meta_social.ts'
import {
  importAllChecked,
  readAllRecords,
  recordsOf,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const IG_FOLLOWERS = 'social/synthetic_instagram_followers_1.json'
const IG_FOLLOWING = 'social/synthetic_instagram_following.json'
const IG_POSTS = 'social/synthetic_instagram_posts_1.json'
const FB_POSTS = 'social/synthetic_facebook_posts_1.json'
const FB_FRIENDS = 'social/synthetic_facebook_your_friends.json'
const FB_MESSAGES = 'social/synthetic_facebook_message_1.json'
const E2EE = 'social/synthetic_messenger_e2ee_chat.json'

const importAll = (
  name: string,
  bytes: Uint8Array,
  options: Record<string, unknown> = {},
): Promise<ImportedRecord[]> => importAllChecked(name, bytes, { exportedAt: 0, ...options })

describe('Meta exports: detection by content', () => {
  it.each([
    [IG_FOLLOWERS, 'meta-social'],
    [IG_FOLLOWING, 'meta-social'],
    [IG_POSTS, 'meta-social'],
    [FB_POSTS, 'meta-social'],
    [FB_FRIENDS, 'meta-social'],
    [FB_MESSAGES, 'instagram'],
    [E2EE, 'instagram'],
  ])('%s is %s even under a neutral name', (rel, format) => {
    expect(detectFormat(sharedFixture(rel), 'export.json').format).toBe(format)
  })

  it('leaves other JSON alone', () => {
    const head = (text: string): number => importer.sniff(new TextEncoder().encode(text), 'x.json')
    expect(head('{"likes_media_likes": [{"string_list_data": []}]}')).toBe(0)
    expect(head('[{"header": "Search", "title": "Searched for shoes", "time": "2024"}]')).toBe(0)
    expect(head('{"locations": []}')).toBe(0)
  })
})

describe('Instagram followers, following and posts', () => {
  it('reads followers_1.json: handle, profile link and the day each started following', async () => {
    const follows = recordsOf(
      await importAll('followers_1.json', sharedFixture(IG_FOLLOWERS)),
      'follows',
    )
    expect(
      follows.map((f) => [f['direction'], f['account'], f['followedAt'], f['approximate']]),
    ).toEqual([
      ['follower', 'trailrunner.lyon', 1709812345000, false],
      ['follower', 'zoe.muller', 1698765432000, false],
      ['follower', 'cafe_du_rhone', 1685000000000, false],
    ])
    expect(follows[0]).toMatchObject({
      platform: 'instagram',
      accountUrl: 'https://www.instagram.com/trailrunner.lyon',
    })
  })

  it('reads following.json in both layouts: handle in title (2024+) or in value', async () => {
    const follows = recordsOf(
      await importAll('following.json', sharedFixture(IG_FOLLOWING)),
      'follows',
    )
    expect(follows.map((f) => [f['direction'], f['account']])).toEqual([
      ['following', 'salomonrunning'],
      ['following', 'zoe.muller'],
      ['following', 'hoka'],
      ['following', 'asics'],
    ])
  })

  it('reads posts_1.json: caption with mojibake repaired, album size, hashtags and mentions', async () => {
    const posts = recordsOf(await importAll('posts_1.json', sharedFixture(IG_POSTS)), 'posts')
    expect(
      posts.map((p) => [
        p['postedAt'],
        p['text'],
        p['mediaCount'],
        p['hashtags'] ?? null,
        p['mentions'] ?? null,
      ]),
    ).toEqual([
      [
        1709900000000,
        'Sortie longue au bord du Rhône ☀️ #trailrunning #lyon avec @zoe.muller',
        1,
        'trailrunning lyon',
        'zoe.muller',
      ],
      [
        1712500000000,
        'Marathon de Paris 🏃 3h41 ! Merci @salomonrunning #marathon',
        2,
        'marathon',
        'salomonrunning',
      ],
      [1715000000000, '', 1, null, null],
    ])
    expect(posts.every((p) => p['platform'] === 'instagram' && p['kind'] === 'post')).toBe(true)
  })

  it('dates an undated follow at the export time and says it is approximate', async () => {
    const text =
      '[{"title":"","string_list_data":[{"href":"https://www.instagram.com/sam","value":"sam"}]}]'
    const [follow] = recordsOf(
      await importAll('followers_1.json', new TextEncoder().encode(text), {
        exportedAt: 1_700_000_000_000,
      }),
      'follows',
    )
    expect(follow).toMatchObject({
      account: 'sam',
      followedAt: 1_700_000_000_000,
      approximate: true,
    })
  })
})

describe('Facebook posts, friends and Messenger', () => {
  it('reads the posts file: the words written, else a photo caption, else the shared link', async () => {
    const posts = recordsOf(
      await importAll('your_posts__check_ins__photos_and_videos_1.json', sharedFixture(FB_POSTS)),
      'posts',
    )
    expect(posts.map((p) => [p['postedAt'], p['text'], p['mediaCount']])).toEqual([
      [1709900600000, 'Nouveau record sur 10 km ! 💪 #runlyon', 0],
      [1705000000000, 'Café au lait avant le boulot ☕', 1],
      [1700000000000, "Qui vient courir dimanche au parc de la Tête d'Or ?", 0],
      [1690000000000, 'https://www.example.org/running-shoes-review', 0],
    ])
    expect(posts[0]).toMatchObject({ platform: 'facebook', hashtags: 'runlyon' })
  })

  it('reads your_friends.json as dated ties, names repaired', async () => {
    const follows = recordsOf(
      await importAll('your_friends.json', sharedFixture(FB_FRIENDS)),
      'follows',
    )
    expect(
      follows.map((f) => [f['platform'], f['direction'], f['account'], f['followedAt']]),
    ).toEqual([
      ['facebook', 'following', 'Zoë Müller', 1500000000000],
      ['facebook', 'following', 'Sam Friend', 1400000000000],
    ])
  })

  it('reads a Messenger message_1.json as messenger, from its media paths', async () => {
    const messages = recordsOf(
      await importAll('message_1.json', sharedFixture(FB_MESSAGES)),
      'messages',
    )
    expect(messages.map((m) => [m['platform'], m['sender'], m['text']])).toEqual([
      ['messenger', 'Zoë Müller', 'Parfait, à demain ☕'],
      ['messenger', 'Alex Example', '[photo]'],
      ['messenger', 'Alex Example', 'On se retrouve au café à 8h avant la course ?'],
    ])
    expect(messages[0]?.['conversation']).toBe('Zoë Müller')
  })

  it('reads the end-to-end encrypted chats download (camelCase fields)', async () => {
    const messages = recordsOf(await importAll('message_1.json', sharedFixture(E2EE)), 'messages')
    expect(messages.map((m) => [m['platform'], m['sentAt'], m['sender'], m['text']])).toEqual([
      ['messenger', 1712510000000, 'Zoë Müller', 'Bravo pour le marathon 🎉'],
      ['messenger', 1712509000000, 'Alex Example', '[media]'],
    ])
  })
})

describe('Meta exports: ids, errors, archives', () => {
  it('gives the same ids on a second import, all distinct', async () => {
    for (const rel of [IG_FOLLOWERS, IG_FOLLOWING, IG_POSTS, FB_POSTS, FB_FRIENDS]) {
      const a = (await importAll('a.json', sharedFixture(rel))).map((r) => r.record['id'])
      const b = (await importAll('a.json', sharedFixture(rel))).map((r) => r.record['id'])
      expect(b).toEqual(a)
      expect(new Set(a).size).toBe(a.length)
    }
  })

  it('refuses malformed and mis-shaped files with ImportFormatError', async () => {
    const bad = async (text: string): Promise<unknown> =>
      thrown(() => readAllRecords(importer, textSource('x.json', text), { exportedAt: 0 }))
    expect(await bad('[{"string_list_data": [{"value": "a", "timestamp": 1}]')).toBeInstanceOf(
      ImportFormatError,
    )
    expect(await bad('[{"string_list_data": [{"timestamp": 1}]}]')).toMatchObject({
      code: 'SEALPOST_IMPORT_MALFORMED',
      position: { record: 1 },
    })
    expect(await bad('[{"media": [{"uri": "a.jpg"}]}]')).toBeInstanceOf(ImportFormatError)
    expect(await bad('[{"timestamp": "yesterday", "data": []}]')).toBeInstanceOf(ImportFormatError)
    expect(await bad('{"relationships_following": 3}')).toBeInstanceOf(ImportFormatError)
    expect(await bad('{"friends_v2": [{"timestamp": 1}]}')).toBeInstanceOf(ImportFormatError)
    expect(await bad('[{"other": 1}]')).toBeInstanceOf(ImportFormatError)
    expect(await bad('[]')).toBeUndefined()
  })

  it('imports an Instagram and a Facebook export zip entry by entry, with the report', async () => {
    const instagram = zipSync({
      connections: {
        followers_and_following: {
          'followers_1.json': sharedFixture(IG_FOLLOWERS),
          'following.json': sharedFixture(IG_FOLLOWING),
          'close_friends.json': new TextEncoder().encode('{"relationships_close_friends": []}'),
        },
      },
      your_instagram_activity: {
        content: { 'posts_1.json': sharedFixture(IG_POSTS) },
        messages: {
          inbox: {
            zoe_123: {
              'message_1.json': sharedFixture('messages/instagram_messages_test_export.json'),
            },
          },
        },
        media: { 'photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]) },
      },
    })
    const entries: ArchiveEntryReport[] = []
    const records = await importAll('instagram-alex.runs-2024-05-01.zip', instagram, {
      onEntry: (e: ArchiveEntryReport) => entries.push(e),
    })
    const byPath = new Map(entries.map((e) => [e.path, e]))
    expect(byPath.get('connections/followers_and_following/followers_1.json')).toMatchObject({
      status: 'imported',
      format: 'meta-social',
      counts: { follows: 3 },
    })
    expect(byPath.get('connections/followers_and_following/following.json')).toMatchObject({
      status: 'imported',
      counts: { follows: 4 },
    })
    expect(byPath.get('connections/followers_and_following/close_friends.json')).toMatchObject({
      status: 'skipped',
      reason: 'not a format sealpost reads',
    })
    expect(byPath.get('your_instagram_activity/content/posts_1.json')).toMatchObject({
      status: 'imported',
      counts: { posts: 3 },
    })
    expect(
      byPath.get('your_instagram_activity/messages/inbox/zoe_123/message_1.json'),
    ).toMatchObject({ status: 'imported', format: 'instagram', counts: { messages: 2 } })
    expect(byPath.get('your_instagram_activity/media/photo.jpg')?.status).toBe('skipped')
    expect(recordsOf(records, 'messages').every((m) => m['platform'] === 'instagram')).toBe(true)

    const facebook = zipSync({
      your_facebook_activity: {
        posts: { 'your_posts__check_ins__photos_and_videos_1.json': sharedFixture(FB_POSTS) },
        messages: {
          inbox: {
            zoe_1: {
              'message_1.json': sharedFixture('messages/instagram_messages_test_export.json'),
            },
          },
        },
      },
      connections: { friends: { 'your_friends.json': sharedFixture(FB_FRIENDS) } },
    })
    const fb = await importAll('facebook-alex-2024-05-01.zip', facebook)
    expect([recordsOf(fb, 'posts').length, recordsOf(fb, 'follows').length]).toEqual([4, 2])
    // The same chat file reads as Messenger when the archive path says it is Facebook's.
    expect(recordsOf(fb, 'messages').map((m) => m['platform'])).toEqual(['messenger', 'messenger'])
  })
})
