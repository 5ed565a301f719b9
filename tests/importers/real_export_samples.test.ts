/**
 * Real public exports for the formats that were tested only on hand-written files: each sample is
 * a file its author exported from their own account (provenance in
 * tests/fixtures/PROVENANCE-importers.md), imported with the existing importer, with the counts and
 * field values worked out by hand from the file.
 */
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../runtime/importers/index.ts'
import { linkedinImporter, unwrapQuotedLines } from '../../runtime/importers/linkedin.ts'
import { metaSocialImporter } from '../../runtime/importers/meta_social.ts'
import { telegramImporter } from '../../runtime/importers/telegram.ts'
import {
  bytesSource,
  importAllChecked,
  readAllRecords,
  recordsOf,
  sharedFixture,
} from './_exports.ts'

const importAll = importAllChecked

describe('LinkedIn Shares.csv, a real export (sanand0/linkedin, first 106 lines)', () => {
  const SHARES = 'social/sanand0_linkedin_Shares_excerpt.csv'

  it('is recognised by its header and gives 5 posts, newest first, with their dates and links', async () => {
    expect(detectFormat(sharedFixture(SHARES), 'Shares.csv').format).toBe('linkedin')
    const posts = recordsOf(await importAll('Shares.csv', sharedFixture(SHARES)), 'posts')
    expect(posts.map((p) => [p['postedAt'], p['kind'], p['mediaCount']])).toEqual([
      [Date.UTC(2025, 6, 1, 14, 33, 22), 'post', 0],
      [Date.UTC(2025, 6, 1, 8, 53, 45), 'post', 0],
      [Date.UTC(2025, 6, 1, 6, 46, 10), 'post', 0],
      [Date.UTC(2025, 6, 1, 4, 7, 38), 'post', 0],
      [Date.UTC(2025, 5, 29, 12, 20, 23), 'post', 0],
    ])
    expect(posts[0]?.['url']).toBe(
      'https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7345821826846990338',
    )
    expect(new Set(posts.map((p) => p['id'])).size).toBe(5)
  })

  it('takes off the quotes LinkedIn wraps around each line of a multi-line post', async () => {
    const posts = recordsOf(await importAll('Shares.csv', sharedFixture(SHARES)), 'posts')
    expect(posts[0]?.['text']).toBe(
      [
        "I'm off for a 10-day Vipassana meditation program.",
        '',
        '𝗪𝗛𝗔𝗧? A 10-day residential meditation. No phone, laptop, or speaking. https://www.dhamma.org/',
        '𝗪𝗛𝗘𝗡? From today until next Sunday (13 July)',
        '𝗪𝗛𝗘𝗥𝗘? Near Chennai. https://lnkd.in/geGVFynY',
        "𝗪𝗛𝗬? I've heard good things and am curious.",
        "𝗦𝗨𝗥𝗘? I've never been away from tech for this long. Let's see!",
        '',
        "I've scheduled LinkedIn posts, so you'll still see stuff. But I won't be replying.",
      ].join('\n'),
    )
    // Quotes the author wrote stay; none is left at the start or end of a line.
    expect(posts[1]?.['text']).toMatch(
      /^If someone asked me, "What's changed this year in LLMs", here's my list:\n\nPrompt engineering/,
    )
    expect(posts[2]?.['text']).toContain('… and they manage and evaluate "smarter" outputs in')
    for (const p of posts) expect(String(p['text'])).not.toMatch(/(^|\n)"|"(\n|$)/)
    expect(posts[4]?.['text']).toMatch(
      /Amuse me! https:\/\/lnkd\.in\/g-2Fw-RU\n\n\nSlides: https:\/\/lnkd\.in\/gxpsdHrG\nVideo: https:\/\/lnkd\.in\/gQ4skRhY\nTranscript: https:\/\/lnkd\.in\/grFH586m$/,
    )
  })

  it('leaves text that is not wrapped line by line as it is', () => {
    expect(unwrapQuotedLines('one line "quoted"')).toBe('one line "quoted"')
    expect(unwrapQuotedLines('Trois choses :\n1. partir\n2. boire')).toBe(
      'Trois choses :\n1. partir\n2. boire',
    )
    expect(unwrapQuotedLines('said "a"\nand "b"')).toBe('said "a"\nand "b"')
    expect(unwrapQuotedLines('first"\n""\n"last')).toBe('first\n\nlast')
    expect(unwrapQuotedLines(undefined)).toBeUndefined()
  })

  it('streams: the same records from 5-byte chunks', async () => {
    const bytes = sharedFixture(SHARES)
    const whole = await readAllRecords(linkedinImporter, bytesSource('Shares.csv', bytes))
    expect(await readAllRecords(linkedinImporter, bytesSource('Shares.csv', bytes, 5))).toEqual(
      whole,
    )
  })
})

describe('Telegram Desktop chat exports, real (innerdvations/telegram-chat-parser, 2020-2021)', () => {
  const CHANNEL = 'messages/telegram-chat-parser_public_channel.json'
  const SUPERGROUP = 'messages/telegram-chat-parser_public_supergroup.json'
  const SAVED = 'messages/telegram-chat-parser_saved.json'

  it.each([CHANNEL, SUPERGROUP, SAVED])('recognises %s as Telegram', (rel) => {
    expect(detectFormat(sharedFixture(rel), 'result.json').format).toBe('telegram')
  })

  it('reads a channel: 7 messages, 2 of them service messages, polls by their question', async () => {
    const messages = recordsOf(await importAll('result.json', sharedFixture(CHANNEL)), 'messages')
    expect(messages.map((m) => [m['kind'], m['text']])).toEqual([
      ['system', 'create channel: test'],
      ['message', 'test channel'],
      ['message', 'reply in test channel'],
      ['system', 'pin message'],
      ['message', '[poll] Poll question'],
      ['message', '[poll] quiz poll'],
      ['message', 'reply to quiz'],
    ])
    // No date_unixtime in exports of that time: `date`, read as UTC.
    expect(messages[0]).toMatchObject({
      sentAt: Date.UTC(2021, 2, 22, 17, 6, 53),
      conversation: 'test',
      sender: 'test',
      platform: 'telegram',
    })
    expect(messages.at(-1)?.['sentAt']).toBe(Date.UTC(2021, 2, 22, 17, 18, 9))
  })

  it('reads the numeric from_id and actor_id that exports before 2021 wrote', async () => {
    // These files write `"from_id": 9999999999`, not `"user9999999999"`; they were refused.
    const saved = recordsOf(
      await importAll('result.json', sharedFixture(SAVED), { me: 'Ben' }),
      'messages',
    )
    expect(saved).toHaveLength(20)
    expect(saved.filter((m) => m['fromMe'] === true)).toHaveLength(16)
    expect(saved.filter((m) => m['sender'] === 'test').map((m) => m['fromMe'])).toEqual([
      false,
      false,
      false,
      false,
    ])
  })

  it('reads Saved Messages: entities joined, media as placeholders, the same second twice', async () => {
    const saved = recordsOf(await importAll('result.json', sharedFixture(SAVED)), 'messages')
    expect(new Set(saved.map((m) => m['conversation']))).toEqual(new Set(['Saved Messages']))
    expect(saved[0]).toMatchObject({
      sentAt: Date.UTC(2020, 7, 1, 22, 1, 49),
      text: "I'm a photo message sent straight to saved.",
    })
    expect(saved[1]).toMatchObject({
      sentAt: Date.UTC(2020, 7, 1, 22, 1, 49),
      text: 'bold italic strikethrough underline @person http://google.com monospace http://mystery.knightlab.com/',
    })
    expect(saved.map((m) => m['text'])).toEqual(
      expect.arrayContaining([
        '[gif]',
        '[voice message]',
        '[video]',
        '"quoted text"',
        'Check out «Cat     @farsisticker» sticker set: https://t.me/addstickers/cat_farsi',
        '- a list\n- with line breaks\n- three \n- four',
      ]),
    )
    expect(saved.filter((m) => m['text'] === '[gif]')).toHaveLength(2)
    expect(new Set(saved.map((m) => m['id'])).size).toBe(20)
  })

  it('reads a group migrated to a supergroup: the negative ids of its old messages are kept apart', async () => {
    const messages = recordsOf(
      await importAll('result.json', sharedFixture(SUPERGROUP)),
      'messages',
    )
    expect(messages.map((m) => m['text'])).toEqual([
      'create group: test',
      'asdsf',
      'migrate to supergroup',
      'migrate from group: test',
    ])
    expect(new Set(messages.map((m) => m['id'])).size).toBe(4)
    const again = await readAllRecords(
      telegramImporter,
      bytesSource('result.json', sharedFixture(SUPERGROUP), 3),
    )
    expect(again.map((r) => r.record['id'])).toEqual(messages.map((m) => m['id']))
  })
})

describe('Instagram "Download your information", real (instagram-to-bluesky, instagram-to-sqlite)', () => {
  const IMAGES = 'social/instagram-to-bluesky_posts_images.json'
  const MIXED = 'social/instagram-to-bluesky_posts_mixed_media.json'
  const MESSAGES = 'messages/instagram-to-sqlite_message_1.json'

  it('reads a posts_1.json album of 5 photos with its caption and hashtags', async () => {
    expect(detectFormat(sharedFixture(IMAGES), 'posts_1.json').format).toBe('meta-social')
    const posts = recordsOf(await importAll('posts_1.json', sharedFixture(IMAGES)), 'posts')
    expect(posts).toEqual([
      {
        id: expect.any(String),
        postedAt: 1658871955000,
        platform: 'instagram',
        kind: 'post',
        text: 'A lil flower garden update:\n\nDalia is in full bloom, Dalia Fascination\nAnd my Hibiscus is looking fierce, Starry Starry Night\n\n#daliaflower #hibiscusplant',
        hashtags: 'daliaflower hibiscusplant',
        mediaCount: 5,
        source: 'meta-social',
      },
    ])
  })

  it('reads a carousel of 10 photos and videos (2025 layout: backup_uri, dubbing_info)', async () => {
    const posts = recordsOf(await importAll('posts_1.json', sharedFixture(MIXED)), 'posts')
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatchObject({
      postedAt: Date.UTC(2024, 6, 7, 20, 35, 31),
      text: "What an incredible weekend day trip to celebrate Momma Olga's birthday.",
      mediaCount: 10,
    })
  })

  it('reads an Instagram message_1.json: 8 messages, emoji repaired, shares as links', async () => {
    expect(detectFormat(sharedFixture(MESSAGES), 'message_1.json').format).toBe('instagram')
    const messages = recordsOf(
      await importAll('message_1.json', sharedFixture(MESSAGES), { me: 'gavin' }),
      'messages',
    )
    expect(messages.map((m) => m['text'])).toEqual([
      '👁️👄👁️',
      'https://www.instagram.com/_u/gavinxdsouza',
      'sweater weather 🏔️🧣',
      expect.stringMatching(/^why are parathas here so much thicker/),
      'https://instagram.com/stories/gavinxdsouza/2534161246582678833',
      '4 tacos\n2 cheese burgers\n1 t-bone steak\n1 babyback ribs\n2 pancakes',
      '',
      // A share of a post that is gone: only its owner is left, no link.
      '[shared post]',
    ])
    expect(messages[0]).toMatchObject({
      sentAt: 1597692699333,
      platform: 'instagram',
      conversation: 'gavin',
      sender: 'gavin',
      fromMe: true,
    })
  })
})

describe('Google Takeout Chrome/BrowserHistory.json, real (prinzz6647/Achitek, first 5 entries)', () => {
  const HISTORY = 'browsing/Achitek_BrowserHistory_excerpt.json'

  it('reads 4 visits and leaves out chrome://newtab, with titles in Thai and transitions', async () => {
    expect(detectFormat(sharedFixture(HISTORY), 'BrowserHistory.json').format).toBe(
      'chrome-takeout',
    )
    const visits = recordsOf(
      await importAll('BrowserHistory.json', sharedFixture(HISTORY)),
      'browsing',
    )
    expect(visits.map((v) => [v['visitedAt'], v['domain'], v['kind'], v['transition']])).toEqual([
      [1478198700592, 'ro.exe.in.th', 'visit', 'link'],
      [1478198698223, 'ro.exe.in.th', 'visit', 'typed'],
      [1478198672299, 'facebook.com', 'visit', 'auto_bookmark'],
      [1478198585698, 'facebook.com', 'visit', 'link'],
    ])
    expect(visits[0]).toMatchObject({
      url: 'https://ro.exe.in.th/main',
      title: 'Ragnarok Extreme สุดยอดเกม MMORPG ที่ดีที่สุด',
      source: 'chrome-takeout',
    })
    expect(visits.some((v) => String(v['url']).startsWith('chrome:'))).toBe(false)
  })
})

describe('LinkedIn Profile.csv and Languages.csv, real (bsdpunk/resumeTools)', () => {
  const PROFILE = 'archives/resumeTools_linkedin_Profile.csv'
  const LANGUAGES = 'archives/resumeTools_linkedin_Languages.csv'

  it("fills profile from the person's own Profile.csv: name, headline, industry, place, country", async () => {
    expect(detectFormat(sharedFixture(PROFILE), 'Profile.csv').format).toBe('linkedin-profile')
    const profile = recordsOf(await importAll('Profile.csv', sharedFixture(PROFILE)), 'profile')
    expect(profile.map((p) => [p['key'], p['value']])).toEqual([
      ['name', 'Dustin Carver'],
      ['headline', 'Linux Engineer'],
      ['industry', 'Information Technology & Services'],
      ['location', 'Nashville, Tennessee, United States'],
      ['country', 'United States'],
    ])
    // The summary, zip code and handles are in the file but are not profile keys.
    expect(profile.some((p) => String(p['value']).includes('37204'))).toBe(false)
  })

  it('reads Languages.csv with empty proficiencies: 2 languages', async () => {
    const profile = recordsOf(await importAll('Languages.csv', sharedFixture(LANGUAGES)), 'profile')
    expect(profile.map((p) => [p['key'], p['value']])).toEqual([
      ['language', 'English'],
      ['language', 'Latin'],
    ])
  })
})

describe('Instagram followers_1.json and following.json, real (Manusiajago/IntipGram, 2025)', () => {
  const FOLLOWERS = 'social/IntipGram_followers_1.json'
  const FOLLOWING = 'social/IntipGram_following_excerpt.json'

  it('reads 37 followers, newest first, with the second each started following', async () => {
    expect(detectFormat(sharedFixture(FOLLOWERS), 'followers_1.json').format).toBe('meta-social')
    const follows = recordsOf(
      await importAll('followers_1.json', sharedFixture(FOLLOWERS), { exportedAt: 0 }),
      'follows',
    )
    expect(follows).toHaveLength(37)
    expect(new Set(follows.map((f) => f['id'])).size).toBe(37)
    expect(
      follows.every((f) => f['direction'] === 'follower' && f['platform'] === 'instagram'),
    ).toBe(true)
    expect(follows[0]).toMatchObject({
      account: 'piyayy0',
      accountUrl: 'https://www.instagram.com/piyayy0',
      followedAt: 1754903497000,
      approximate: false,
    })
    // Handles Instagram allows but a parser might not expect: dots and digits first, a run of
    // eleven underscores.
    expect(follows[29]).toMatchObject({ account: '29.246.jpg_', followedAt: 1727755807000 })
    expect(follows[35]).toMatchObject({ account: '___________4rwil', followedAt: 1724749424000 })
    expect(follows[36]).toMatchObject({ account: 'zha666_', followedAt: 1724326142000 })
  })

  it('reads the first 10 accounts of following.json (layout with the handle in value)', async () => {
    expect(detectFormat(sharedFixture(FOLLOWING), 'following.json').format).toBe('meta-social')
    const follows = recordsOf(
      await importAll('following.json', sharedFixture(FOLLOWING), { exportedAt: 0 }),
      'follows',
    )
    expect(follows.map((f) => [f['direction'], f['account'], f['followedAt']])).toEqual([
      ['following', 'r0r0x_xx', 1755163500000],
      ['following', 'claudinho_canalamopeixe', 1755092283000],
      ['following', 'ruangguru', 1755087238000],
      ['following', 'kalananti', 1754920196000],
      ['following', 'clarisaint', 1754734672000],
      ['following', 'rumah_kucing_ifan', 1754641961000],
      ['following', 'imamchnf', 1754637557000],
      ['following', 'codcoders', 1754479999000],
      ['following', 'altcoinpost', 1754403371000],
      ['following', 'thijsdallinga', 1754202616000],
    ])
  })

  it('streams: the same records from 7-byte chunks', async () => {
    const bytes = sharedFixture(FOLLOWERS)
    const whole = await readAllRecords(metaSocialImporter, bytesSource('followers_1.json', bytes))
    expect(whole).toHaveLength(37)
    expect(
      await readAllRecords(metaSocialImporter, bytesSource('followers_1.json', bytes, 7)),
    ).toEqual(whole)
  })
})

describe('Telegram whole-account result.json, real (frozenspider/chat-history-manager-rust, 2016-2019)', () => {
  const ACCOUNT = 'messages/chat-history-manager_telegram_2020-01_excerpt.json'

  it('is recognised as Telegram and reads 19 messages of 3 chats; "me" from personal_information', async () => {
    expect(detectFormat(sharedFixture(ACCOUNT), 'result.json').format).toBe('telegram')
    const messages = recordsOf(await importAll('result.json', sharedFixture(ACCOUNT)), 'messages')
    expect(messages).toHaveLength(19)
    const count = (name: string): number =>
      messages.filter((m) => m['conversation'] === name).length
    // A chat whose name is null is named by its type and id.
    expect([count('Vvvvv'), count('personal_chat 4321012345'), count('Ddddddd')]).toEqual([
      12, 5, 2,
    ])
    // personal_information.user_id 11111111 sent 5 messages and cleared one history.
    expect(messages.filter((m) => m['fromMe'] === true)).toHaveLength(6)
    expect(messages.filter((m) => m['kind'] === 'system').map((m) => m['text'])).toEqual([
      'phone call',
      'phone call',
      'clear history',
    ])
    // Telegram Desktop before 2.7: numeric from_id, no date_unixtime (read as UTC by default).
    expect(messages[0]).toMatchObject({
      sentAt: 1508258463000,
      sender: 'Aaaaa Aaaaaaaaaaa',
      fromMe: true,
      text: '[sticker]',
    })
    expect(messages[5]?.['text']).toBe('https://vk.com/video11487496_456239071')
    expect(messages[18]).toMatchObject({ sentAt: 1559298747000, sender: 'Ddddddd Uuuuuuuu' })
    expect(String(messages[18]?.['text'])).toMatch(/^Конструктор 12\.99\nБензин 35\n/)
  })

  it('reads senders whose name is null, and 4 messages of the same second as 4 records', async () => {
    const messages = recordsOf(await importAll('result.json', sharedFixture(ACCOUNT)), 'messages')
    const unnamed = messages.filter((m) => m['conversation'] === 'personal_chat 4321012345')
    expect(unnamed.every((m) => m['sender'] === undefined && m['fromMe'] === false)).toBe(true)
    const sameSecond = unnamed.filter((m) => m['sentAt'] === 1498253025000)
    expect(sameSecond.map((m) => m['text'])).toEqual([
      'These messages...',
      '...have the same timestamp...',
      '...but different IDs...',
      '...and we expect order to be preserved.',
    ])
    expect(new Set(messages.map((m) => m['id'])).size).toBe(19)
  })

  it('streams: the same records from 3-byte chunks', async () => {
    const bytes = sharedFixture(ACCOUNT)
    const whole = await readAllRecords(telegramImporter, bytesSource('result.json', bytes))
    expect(whole).toHaveLength(19)
    expect(await readAllRecords(telegramImporter, bytesSource('result.json', bytes, 3))).toEqual(
      whole,
    )
  })
})
