/**
 * LinkedIn data export: Connections.csv (after its notes lines), Shares.csv and messages.csv, each
 * recognised by its header, on rows of a real public export plus a synthetic Shares.csv.
 */
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  detectFormat,
  ImportFormatError,
  parseLinkedInDate,
} from '../../runtime/importers/index.ts'
import type { ArchiveEntryReport } from '../../runtime/importers/index.ts'
import { linkedinImporter as importer } from '../../runtime/importers/linkedin.ts'
import {
  bytesSource,
  importAllChecked,
  readAllRecords,
  recordsOf,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const CONNECTIONS = 'social/linkedin_Connections_excerpt.csv'
const MESSAGES = 'social/linkedin_messages_excerpt.csv'
const SHARES = 'social/synthetic_linkedin_Shares.csv'

const importAll = importAllChecked

describe('LinkedIn export', () => {
  it.each([CONNECTIONS, MESSAGES, SHARES])('recognises %s by its header', (rel) => {
    expect(detectFormat(sharedFixture(rel), 'export.csv').format).toBe('linkedin')
  })

  it('reads Connections.csv past the notes: 9 connections, the hidden one left out', async () => {
    const follows = recordsOf(
      await importAll('Connections.csv', sharedFixture(CONNECTIONS)),
      'follows',
    )
    expect(follows).toHaveLength(9)
    expect(follows[0]).toEqual({
      id: expect.any(String),
      followedAt: Date.UTC(2024, 4, 30),
      approximate: false,
      platform: 'linkedin',
      direction: 'following',
      account: 'anjula-batra',
      accountName: 'Anjula Batra',
      accountUrl: 'https://www.linkedin.com/in/anjula-batra',
      source: 'linkedin',
    })
    expect(follows.map((f) => f['accountName'])).toContain('Ava Lopez')
    expect(follows.at(-1)).toMatchObject({ account: 'sshukla18', followedAt: Date.UTC(2024, 4, 3) })
    // Other people's e-mail, company and position are not imported.
    expect(follows.some((f) => 'company' in f || 'email' in f)).toBe(false)
  })

  it('reads messages.csv: 11 messages of one conversation, both senders, an empty one kept', async () => {
    const messages = recordsOf(
      await importAll('messages.csv', sharedFixture(MESSAGES), {
        me: 'Jason Toups - Software Engineer',
      }),
      'messages',
    )
    expect(messages).toHaveLength(11)
    expect(new Set(messages.map((m) => m['conversation']))).toEqual(
      new Set(['Ava Lopez, Jason Toups - Software Engineer']),
    )
    expect(messages.filter((m) => m['fromMe'] === false).map((m) => m['text'])).toEqual([
      'to discuss this over call in detail.',
      'Can you share your contact details?',
      expect.stringMatching(/^Hello, Hope you are safe/),
    ])
    expect(messages[0]).toMatchObject({
      sentAt: Date.UTC(2024, 4, 28, 20, 38, 9),
      platform: 'linkedin',
      sender: 'Jason Toups - Software Engineer',
      recipients: 'Ava Lopez',
      labels: 'INBOX',
      fromMe: true,
    })
    expect(messages[1]?.['text']).toBe('')
  })

  it('reads Shares.csv: multi-line commentary, doubled quotes, a re-share without words', async () => {
    const posts = recordsOf(await importAll('Shares.csv', sharedFixture(SHARES)), 'posts')
    expect(posts.map((p) => [p['postedAt'], p['kind'], p['mediaCount']])).toEqual([
      [Date.UTC(2024, 2, 8, 7, 45, 12), 'post', 0],
      [Date.UTC(2024, 0, 15, 18, 2, 40), 'post', 1],
      [Date.UTC(2023, 10, 2, 9, 10, 0), 'repost', 0],
    ])
    expect(posts[0]?.['text']).toContain('"Small steps, every day."')
    expect(posts[1]?.['text']).toBe(
      'Trois choses apprises en courant mon premier marathon :\n1. partir lentement\n2. boire tôt\n3. sourire',
    )
    expect(posts[2]).toMatchObject({
      text: 'https://www.example.org/why-local-first-software',
      url: expect.stringContaining('linkedin.com/feed/update/'),
    })
  })

  it('streams: the same records from 7-byte chunks, with the same stable ids', async () => {
    for (const rel of [CONNECTIONS, MESSAGES, SHARES]) {
      const whole = await readAllRecords(importer, bytesSource('a.csv', sharedFixture(rel)))
      const chunked = await readAllRecords(importer, bytesSource('a.csv', sharedFixture(rel), 7))
      expect(chunked).toEqual(whole)
      expect(new Set(whole.map((r) => r.record['id'])).size).toBe(whole.length)
    }
  })

  it('parses the dates LinkedIn writes and nothing else', () => {
    expect(parseLinkedInDate('03 May 2024')).toBe(Date.UTC(2024, 4, 3))
    expect(parseLinkedInDate('2024-05-28 20:38:09 UTC')).toBe(Date.UTC(2024, 4, 28, 20, 38, 9))
    expect(parseLinkedInDate('31 Feb 2024')).toBeUndefined()
    expect(parseLinkedInDate('yesterday')).toBeUndefined()
  })

  it('refuses a bad date with its line, and a file without a known header', async () => {
    const bad = await thrown(() =>
      readAllRecords(
        importer,
        textSource(
          'Connections.csv',
          'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,https://www.linkedin.com/in/ab,,X,Y,someday\n',
        ),
      ),
    )
    expect(bad).toBeInstanceOf(ImportFormatError)
    expect(bad).toMatchObject({ position: { line: 2 } })
    expect(
      await thrown(() => readAllRecords(importer, textSource('x.csv', 'a,b\n1,2\n'))),
    ).toBeInstanceOf(ImportFormatError)
  })

  it('imports a LinkedIn export zip: profile, connections, shares and messages, each reported', async () => {
    const zip = zipSync({
      'Profile.csv': sharedFixture('archives/synthetic_linkedin_Profile.csv'),
      'Connections.csv': sharedFixture(CONNECTIONS),
      'Shares.csv': sharedFixture(SHARES),
      'messages.csv': sharedFixture(MESSAGES),
      'Rich_Media.csv': new TextEncoder().encode('Date/Time,Media Description,Media Link\n'),
    })
    const entries: ArchiveEntryReport[] = []
    const records = await importAll('Basic_LinkedInDataExport_05-01-2024.zip', zip, {
      onEntry: (e: ArchiveEntryReport) => entries.push(e),
    })
    const report = Object.fromEntries(
      entries.map((e) => [e.path, e.status === 'imported' ? e.counts : e.status]),
    )
    expect(report).toEqual({
      'Profile.csv': { profile: 5 },
      'Connections.csv': { follows: 9 },
      'Shares.csv': { posts: 3 },
      'messages.csv': { messages: 11 },
      'Rich_Media.csv': 'skipped',
    })
    expect(records).toHaveLength(28)
  })
})
