/**
 * Real public exports for the formats that were tested only on hand-written files: each sample is
 * a file its author exported from their own account (provenance in
 * tests/fixtures/PROVENANCE-importers.md), imported with the existing importer, with the counts and
 * field values worked out by hand from the file.
 */
import { describe, expect, it } from 'vitest'
import { detectFormat, importFile, sourceFromBytes } from '../../runtime/importers/index.ts'
import type { ImportedRecord } from '../../runtime/importers/index.ts'
import { linkedinImporter, unwrapQuotedLines } from '../../runtime/importers/linkedin.ts'
import { bytesSource, readAllRecords, recordsOf, schemaErrors, sharedFixture } from './_exports.ts'

async function importAll(name: string, bytes: Uint8Array): Promise<ImportedRecord[]> {
  const out: ImportedRecord[] = []
  for await (const r of importFile(sourceFromBytes(name, bytes))) out.push(r)
  expect(schemaErrors(out)).toEqual([])
  return out
}

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
