import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import {
  detectFormat,
  importFile,
  importers,
  sourceFromFile,
} from '../../runtime/importers/index.ts'
import { schemaErrors, sharedFixture } from './_exports.ts'
import type { ImportedRecord } from '../../runtime/importers/types.ts'

// Every personal-export fixture, the format it must be detected as, and how many records it holds.
const CASES = [
  ['location/takeout_Records.json', 'takeout-location', 12],
  ['location/takeout_Location_History_legacy.json', 'takeout-location', 2],
  ['location/takeout_semantic_2021_AUGUST.json', 'takeout-location', 186],
  ['location/device_timeline_test-data.json', 'takeout-location', 14],
  ['health/ips_Bundle-IPS-examples-Bundle-with-immunization.json', 'fhir', 14],
  ['messages/whatsapp_android_ddmmyy_24hrs.txt', 'whatsapp', 9],
  ['messages/whatsapp_android_mmddyyyy_12hrs.txt', 'whatsapp', 9],
  ['messages/whatsapp_ios_bracket_mmddyy_24hrs.txt', 'whatsapp', 9],
  ['messages/instagram_messages_test_export.json', 'instagram', 2],
  ['messages/gmail_takeout_small.gmail.mbox', 'mbox', 6],
  ['messages/node-mbox_test-4-message.mbox', 'mbox', 4],
  ['social/x_archive_tweets.js', 'x-archive', 3],
  ['social/x_archive_following.js', 'x-archive', 2],
  ['social/x_archive_follower.js', 'x-archive', 2],
  ['browsing/firefox_places_test_profile.sqlite', 'browser-history', 26],
  ['browsing/google_takeout_my_activity_search.json', 'google-my-activity', 2],
] as const

describe('personal exports through importFile', () => {
  it('lists each personal-export format once', () => {
    const formats = importers.map((i) => i.format)
    for (const [, format] of CASES) expect(formats.filter((f) => f === format)).toHaveLength(1)
  })

  it.each(CASES)('detects %s as %s', (rel, format) => {
    const name = rel.split('/').pop() ?? rel
    expect(detectFormat(sharedFixture(rel).subarray(0, 65536), name).format).toBe(format)
  })

  it.each(CASES)('streams %s from disk into %i valid records', async (rel, _format, count) => {
    const path = fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url))
    const records: ImportedRecord[] = []
    for await (const r of importFile(sourceFromFile(path), { exportedAt: 0 })) records.push(r)
    expect(records).toHaveLength(count)
    expect(schemaErrors(records)).toEqual([])
  })
})
