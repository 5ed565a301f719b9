/**
 * Who the person says they are, from their own exports → `profile` (key/value facts): LinkedIn's
 * `Profile.csv` (name, headline, industry, location) and `Languages.csv`, and the Meta
 * "Download your information" profile files (Facebook `profile_information.json`, Instagram
 * `personal_information.json`: name, birth year, city, country). Only the person's own facts: the
 * friends, contacts and followers in the same archives are not read here.
 */
import { csvRows } from './_csv_rows.ts'
import { StableIds } from './_id.ts'
import { isObject, maxBytesOption, readJsonDocument, sniffText } from './_json_export.ts'
import type { JsonObject } from './_json_export.ts'
import { decodeText, headText } from './_source.ts'
import { splitCsvLine } from './_bank_csv_layout.ts'
import { ImportFormatError } from './errors.ts'
import { fixMetaMojibake } from './instagram.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const LINKEDIN = 'linkedin-profile'
const META = 'meta-profile'

type Fact = readonly [key: string, value: string]

function profileRecord(
  ids: StableIds,
  format: string,
  updatedAt: number,
  [key, value]: Fact,
): ImportedRecord {
  return {
    collection: 'profile',
    record: {
      id: ids.next([key, value]),
      updatedAt,
      key,
      value: value.slice(0, 2000),
      source: format,
    },
  }
}

const LINKEDIN_PROFILE = ['first name', 'last name', 'headline']
const LINKEDIN_LANGUAGES = ['name', 'proficiency']

function headerCells(head: Uint8Array): string[] {
  const line =
    headText(head)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  return splitCsvLine(line, ',').map((c) => c.toLowerCase())
}

/** LinkedIn export: Profile.csv and Languages.csv. Option `updatedAt` (ms) dates the facts. */
export const linkedinProfileImporter: Importer = {
  format: LINKEDIN,
  description: 'LinkedIn data export Profile.csv / Languages.csv → profile',
  sniff(head, name) {
    const cells = headerCells(head)
    if (LINKEDIN_PROFILE.every((c) => cells.includes(c))) return 85
    if (
      /languages\.csv$/i.test(name) &&
      cells.length === 2 &&
      LINKEDIN_LANGUAGES.every((c) => cells.includes(c))
    )
      return 85
    return 0
  },
  read(source, options) {
    return readLinkedIn(source, options ?? {})
  },
}

async function* readLinkedIn(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const ids = new StableIds(LINKEDIN)
  const updatedAt = typeof options['updatedAt'] === 'number' ? options['updatedAt'] : 0
  let header: string[] | undefined
  for await (const row of csvRows(decodeText(source, LINKEDIN), LINKEDIN, ',')) {
    if (header === undefined) {
      header = row.fields.map((f) => f.trim().toLowerCase())
      continue
    }
    const h = header
    const cell = (name: string): string | undefined => {
      const v = row.fields[h.indexOf(name)]?.trim()
      return h.includes(name) && v !== undefined && v !== '' ? v : undefined
    }
    const facts: Fact[] = []
    if (h.includes('proficiency')) {
      const language = cell('name')
      if (language !== undefined) facts.push(['language', language])
    } else {
      const name = [cell('first name'), cell('last name')].filter((s) => s !== undefined).join(' ')
      if (name !== '') facts.push(['name', name])
      for (const [key, column] of [
        ['headline', 'headline'],
        ['industry', 'industry'],
        ['location', 'geo location'],
      ] as const) {
        const v = cell(column)
        if (v !== undefined) facts.push([key, v])
      }
      const country = /,\s*([^,]+)$/.exec(cell('geo location') ?? '')?.[1]
      if (country !== undefined) facts.push(['country', country])
    }
    for (const fact of facts) yield profileRecord(ids, LINKEDIN, updatedAt, fact)
  }
  if (header === undefined) throw new ImportFormatError(LINKEDIN, 'the file is empty')
}

/** Facebook profile_information.json and Instagram personal_information.json. */
export const metaProfileImporter: Importer = {
  format: META,
  description: 'Facebook / Instagram profile information JSON → profile',
  sniff(head) {
    const text = sniffText(head.subarray(0, 4096))
    if (!text.startsWith('{')) return 0
    if (/"profile_v2"\s*:/.test(text)) return 90
    if (/"profile_user"\s*:/.test(text) && /"string_map_data"/.test(text)) return 90
    return 0
  },
  read(source, options) {
    return readMeta(source, options ?? {})
  },
}

async function* readMeta(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const doc = await readJsonDocument(source, META, maxBytesOption(options))
  if (!isObject(doc)) throw new ImportFormatError(META, 'the file is not a JSON object')
  const ids = new StableIds(META)
  const facts: Fact[] = []
  let updatedAt = 0
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' && v.trim() !== '' ? fixMetaMojibake(v.trim()) : undefined
  const profile = doc['profile_v2']
  if (isObject(profile)) {
    // Facebook: profile_v2.name.full_name, birthday {year}, current_city/hometown {name}, registration_timestamp.
    const name = isObject(profile['name']) ? text(profile['name']['full_name']) : undefined
    if (name !== undefined) facts.push(['name', name])
    const birthday = profile['birthday']
    if (isObject(birthday) && typeof birthday['year'] === 'number' && birthday['year'] > 1900)
      facts.push(['birthYear', String(birthday['year'])])
    const city = isObject(profile['current_city'])
      ? text(profile['current_city']['name'])
      : undefined
    if (city !== undefined) facts.push(['homeCity', city])
    const hometown = isObject(profile['hometown']) ? text(profile['hometown']['name']) : undefined
    if (hometown !== undefined) facts.push(['hometown', hometown])
    const stamp = (profile['current_city'] as JsonObject | undefined)?.['timestamp']
    if (typeof stamp === 'number') updatedAt = stamp * 1000
  }
  const users = doc['profile_user']
  if (Array.isArray(users)) {
    // Instagram: profile_user[0].string_map_data["Name"|"Username"|"Date of birth"|...].value
    for (const user of users) {
      if (!isObject(user) || !isObject(user['string_map_data'])) continue
      const map = user['string_map_data']
      const value = (label: string): string | undefined => {
        const entry = map[label]
        return isObject(entry) ? text(entry['value']) : undefined
      }
      const name = value('Name')
      if (name !== undefined) facts.push(['name', name])
      const username = value('Username')
      if (username !== undefined) facts.push(['instagramUsername', username])
      const birth = /^(\d{4})-\d{2}-\d{2}$/.exec(value('Date of birth') ?? '')?.[1]
      if (birth !== undefined) facts.push(['birthYear', birth])
      const city = value('City') ?? value('Town/city')
      if (city !== undefined) facts.push(['homeCity', city])
      const stamp = isObject(map['Name']) ? map['Name']['timestamp'] : undefined
      if (typeof stamp === 'number' && stamp > 0) updatedAt = stamp * 1000
    }
  }
  if (!isObject(profile) && !Array.isArray(users))
    throw new ImportFormatError(
      META,
      'neither profile_v2 (Facebook) nor profile_user (Instagram) is present',
    )
  for (const fact of facts) yield profileRecord(ids, META, updatedAt, fact)
}
