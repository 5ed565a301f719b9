import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImportFormatError, ImportTooLargeError } from '../../runtime/importers/errors.ts'
import {
  decodeBase64,
  decodeEncodedWords,
  decodeQuotedPrintable,
  parseMailbox,
  parseMailDate,
} from '../../runtime/importers/_mime.ts'
import { mboxImporter as importer } from '../../runtime/importers/mbox.ts'
import {
  bytesSource,
  hasSchema,
  ownFixture,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const GMAIL = 'messages/gmail_takeout_small.gmail.mbox'
const PLAIN = 'messages/node-mbox_test-4-message.mbox'
// Our own 2-message file: nested multipart with base64, an attachment, QP latin-1, mboxrd quoting.
const MIXED = 'mixed_encodings.mbox'

async function load(bytes: Uint8Array, options?: Record<string, unknown>, chunkSize?: number) {
  return recordsOf(
    await readAllRecords(importer, bytesSource('x.mbox', bytes, chunkSize), options),
    'messages',
  )
}

describe('mbox importer', () => {
  it('recognises mbox files by their From_ line', () => {
    expect(importer.sniff(sharedFixture(GMAIL), 'All mail.mbox')).toBe(95)
    expect(importer.sniff(sharedFixture(PLAIN), 'inbox')).toBe(85)
    expect(importer.sniff(new TextEncoder().encode('From here on, we talk.'), 'notes.txt')).toBe(0)
  })

  it('splits the Gmail Takeout file into its 6 messages with threads and labels', async () => {
    const records = await load(sharedFixture(GMAIL))
    expect(records.map((r) => [r.conversation, r.labels, r.platform])).toEqual([
      ['1277085061787347926', 'Unread', 'gmail'],
      ['1278204036336346264', 'Unread', 'gmail'],
      ['1529553825574740118', 'Chat', 'gmail'],
      ['1705761119401391280', 'Chat', 'gmail'],
      ['Formatted text mail', undefined, 'email'], // no ids at all: the subject names the thread
      ['A simple example', undefined, 'email'],
    ])
  })

  it('decodes RFC 2047 senders, 8-bit UTF-8 headers and dates with zones', async () => {
    const records = await load(sharedFixture(GMAIL))
    expect(records[0]).toMatchObject({
      sender: 'Keld Jørn Simonsen',
      senderAddress: 'keld@dkuug.dk',
      subject: '[fw-general] Zend_Form and generating fields',
      sentAt: Date.parse('2008-08-05T08:00:12Z'), // "Tue, 5 Aug 2008 01:00:12 -0700 (PDT)"
    })
    expect(records[3]).toMatchObject({ sender: '罗', text: '好好学习，天天向上', subject: 'test' })
  })

  it('dates a message without a Date header from its From_ line', async () => {
    const chat = (await load(sharedFixture(GMAIL)))[2]
    expect(chat).toMatchObject({
      sentAt: Date.parse('2016-03-23T01:57:00Z'),
      text: 'Nothing worse than being without good wifi',
    })
    expect(chat).not.toHaveProperty('subject')
  })

  it('takes the text/plain part of multipart/alternative and strips an HTML-only body', async () => {
    const records = await load(sharedFixture(GMAIL))
    expect(records[4]?.text).toBe('plain text version of message')
    expect(records[4]?.sentAt).toBe(Date.parse('1993-03-22T17:41:09Z'))
    expect(records[5]?.text).toContain(
      'E with acute accent becomes É.\n\nE with acute accent becomes É.',
    )
    expect(records[5]?.text).not.toContain('<')
  })

  it('keeps whole bodies of plain messages', async () => {
    const records = await load(sharedFixture(PLAIN))
    expect(records.map((r) => [r.subject, r.text])).toEqual([
      ['mail 1', 'The mail content of mail 1...'],
      ['mail 2', 'The mail content of mail 2....'],
      ['mail 3', 'The mail content of mail 3.....'],
      ['mail 4', 'The mail content of mail 4......'],
    ])
    expect(records[0]).toMatchObject({
      sentAt: Date.parse('2011-12-25T13:33:37Z'),
      sender: 'abc',
      senderAddress: 'abc@gmail.com',
    })
  })

  it('reads nested multipart, base64, quoted-printable latin-1 and mboxrd quoting', async () => {
    const [first, second] = await load(ownFixture(MIXED), { me: 'ana@example.org' })
    expect(first).toMatchObject({
      sender: 'Jürgen',
      subject: 'Grüße aus Köln',
      text: 'Grüße aus Köln — see you at 8.',
      recipients: '"Ana Lima" <ana@example.org>',
      sentAt: Date.parse('2024-01-15T09:30:00Z'),
      conversation: '<a1@example.org>',
      fromMe: false,
    })
    expect(second).toMatchObject({
      subject: 'Re: Grüße',
      conversation: '<a1@example.org>', // same thread as the message it answers
      fromMe: true,
      text:
        'Schön! A very long line that was wrapped by the quoted-printable encoder here.\n' +
        'From the archive: this line was quoted by mboxrd.\n>From twice quoted.',
    })
  })

  it('gives the same ids when imported twice, whatever the chunking', async () => {
    for (const bytes of [sharedFixture(GMAIL), sharedFixture(PLAIN), ownFixture(MIXED)]) {
      const a = (await load(bytes)).map((r) => r.id)
      expect((await load(bytes, {}, 13)).map((r) => r.id)).toEqual(a)
      expect(new Set(a).size).toBe(a.length)
    }
  })

  it.skipIf(!hasSchema('messages'))(
    'yields records valid against the messages schema',
    async () => {
      for (const bytes of [sharedFixture(GMAIL), sharedFixture(PLAIN), ownFixture(MIXED)]) {
        expect(
          schemaErrors(
            await readAllRecords(importer, bytesSource('x.mbox', bytes), { me: 'abc@gmail.com' }),
          ),
        ).toEqual([])
      }
    },
  )

  it('clips a body longer than the messages schema allows instead of failing', async () => {
    const body = `${'é'.repeat(60_000)}\n${'😀'.repeat(60_000)}`
    const text = `From a@b Mon Jan 15 09:30:00 2024\nSubject: long\n\n${body}\n`
    const all = await readAllRecords(importer, textSource('x.mbox', text))
    const [record] = recordsOf(all, 'messages')
    expect([...String(record?.text)].length).toBe(100_000)
    expect(String(record?.text).endsWith('😀')).toBe(true)
    expect(schemaErrors(all)).toEqual([])
  })

  it('refuses a file that does not start with a From_ line', async () => {
    const error = await thrown(() => load(new TextEncoder().encode('\nSubject: hi\n\nbody')))
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position.line).toBe(2)
  })

  it('refuses a broken header or a broken base64 body, naming the message', async () => {
    const header = 'From a@b Mon Jan 15 09:30:00 2024\nSubject: ok\nno colon here\n\nbody\n'
    const e1 = await thrown(() => load(new TextEncoder().encode(header)))
    expect(e1).toBeInstanceOf(ImportFormatError)
    expect((e1 as ImportFormatError).position).toEqual({ record: 1, line: 1 })
    const b64 =
      'From a@b Mon Jan 15 09:30:00 2024\nDate: Mon, 15 Jan 2024 09:30:00 +0000\n' +
      'Content-Transfer-Encoding: base64\n\n!!not base64!!\n'
    expect(await thrown(() => load(new TextEncoder().encode(b64)))).toBeInstanceOf(
      ImportFormatError,
    )
  })

  it('refuses a message above the per-message cap', async () => {
    const error = await thrown(() => load(sharedFixture(GMAIL), { maxMessageBytes: 1000 }))
    expect(error).toBeInstanceOf(ImportTooLargeError)
  })

  it('parses RFC 5322 dates, obsolete zones and two-digit years', () => {
    expect(parseMailDate('Tue, 5 Aug 2008 01:00:12 -0700 (PDT)')).toBe(
      Date.parse('2008-08-05T08:00:12Z'),
    )
    expect(parseMailDate('5 Aug 08 01:00 PDT')).toBe(Date.parse('2008-08-05T08:00:00Z'))
    expect(parseMailDate('Mon, 22 Mar 1993 09:41:09 -0800 (PST)')).toBe(
      Date.parse('1993-03-22T17:41:09Z'),
    )
    expect(parseMailDate('31 Feb 2020 10:00 +0000')).toBeUndefined()
  })

  it('decodes encoded words and mailboxes as RFC 2047 §8 shows', () => {
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>')).toBe(
      'Keld Jørn Simonsen <keld@dkuug.dk>',
    )
    expect(decodeEncodedWords('(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)')).toBe('(ab)')
    expect(decodeEncodedWords('(=?ISO-8859-1?Q?a?= b)')).toBe('(a b)')
    expect(decodeEncodedWords('=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>')).toBe(
      'Keith Moore <moore@cs.utk.edu>',
    )
    expect(parseMailbox('"Doe, Jane" <jane@x.org>')).toEqual({
      name: 'Doe, Jane',
      address: 'jane@x.org',
    })
    expect(parseMailbox('jane@x.org (Jane)')).toEqual({ name: 'Jane', address: 'jane@x.org' })
  })

  it('base64 and quoted-printable decoders invert their encoders (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const b64 = Buffer.from(bytes)
          .toString('base64')
          .replace(/.{1,76}/g, '$&\r\n')
        expect(decodeBase64(b64)).toEqual(bytes)
        const qp = Array.from(bytes, (b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('')
          .replace(/(.{72})/g, '$1=\n')
        expect(decodeQuotedPrintable(qp)).toEqual(bytes)
      }),
      { numRuns: 200 },
    )
  })

  it('round-trips generated mailboxes (property)', async () => {
    const mail = fc.record({
      t: fc
        .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) })
        .map((t) => t - (t % 1000)),
      subject: fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
        .filter((s) => s.trim() === s && s !== ''),
      body: fc.array(fc.stringMatching(/^[A-Za-z0-9 .,!?>]{0,40}$/), {
        minLength: 1,
        maxLength: 4,
      }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(mail, { maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        async (mails, chunk) => {
          const text = mails
            .map((m) => {
              const subject = `=?UTF-8?B?${Buffer.from(m.subject).toString('base64')}?=`
              const body = m.body.map((l) => (/^>*From /.test(l) ? `>${l}` : l)).join('\n')
              return `From x@y Mon Jan 15 09:30:00 2024\nDate: ${new Date(m.t).toUTCString()}\nSubject: ${subject}\n\n${body}\n`
            })
            .join('\n')
          const out = recordsOf(
            await readAllRecords(importer, textSource('x.mbox', text, chunk)),
            'messages',
          )
          expect(out.map((r) => [r.sentAt, r.subject, r.text])).toEqual(
            mails.map((m) => [m.t, m.subject, m.body.join('\n').trim()]),
          )
        },
      ),
      { numRuns: 150 },
    )
  })

  it('throws nothing but ImportFormatError on garbage (property)', async () => {
    const headerish = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'Content-Type: multipart/mixed',
        'Content-Transfer-Encoding: base64',
        'Date: x',
        '',
      ),
      fc.string().map((s) => `Content-Type: multipart/alternative; boundary=${s}`),
      fc.string().map((s) => `Subject: =?${s}?B?${s}?=`),
    )
    const message = fc
      .array(headerish, { maxLength: 6 })
      .map((lines) => `From a@b Mon Jan 15 09:30:00 2024\n${lines.join('\n')}`)
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), message), async (text) => {
        const error = await thrown(() => readAllRecords(importer, textSource('x.mbox', text)))
        if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
      }),
      { numRuns: 300 },
    )
  })
})
