/**
 * `:86:` narratives read into their parts. Every input is a real line of a public MT940 test file
 * (lines already joined), cited beside it; the Volksbank and ING lines are also in tests/fixtures/bank.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { categorizeTransaction } from '../../runtime/importers/categories.ts'
import {
  hasSepaKeywords,
  joinNarrativeLines,
  parseNarrative,
  parseSepaKeywords,
} from '../../runtime/importers/_narrative.ts'

describe('German DK format', () => {
  it('reads GVC, booking text, SVWZ remittance, BIC, IBAN and name (Volksbank)', () => {
    // jejik-mt940 volksbankenraiffeisenbanken.txt, second entry.
    const n = parseNarrative(
      joinNarrativeLines([
        '166?00UEBERWEISUNG?10931?20SVWZ+Beitrag Musical fuer F',
        '?21RIDA inklusi?22ve 1 CD IBAN: DE10500105174',
        '?23381957749 BIC: KRHADE21 ?30KRHADE21?31DE10500105174381957749',
        '?32friedbert und ronja engel',
      ]),
    )
    expect(n).toEqual({
      dialect: 'dk',
      gvc: '166',
      bookingText: 'UEBERWEISUNG',
      remittance: 'Beitrag Musical fuer FRIDA inklusive 1 CD',
      counterpartyBic: 'KRHADE21',
      counterpartyIban: 'DE10500105174381957749',
      counterpartyName: 'friedbert und ronja engel',
    })
  })

  it('splits EREF+ and SVWZ+ and cuts the repeated references and account at the end', () => {
    // jejik-mt940 volksbankenraiffeisenbanken.txt, statement of 2020-02-24.
    const n = parseNarrative(
      '166?00UEBERWEISUNG?10931?20EREF+ZV01002841909493000000?2102 ?22SVWZ+Musical Sonja Schulz C' +
        '?23D EREF: ZV01002841909493000?2400002 IBAN: DE8850010517828?255756556 BIC: SAKSDE55 ' +
        '?30SAKSDE55?31DE88500105178285756556?32Thomas Schulz',
    )
    expect(n.endToEndRef).toBe('ZV0100284190949300000002')
    expect(n.remittance).toBe('Musical Sonja Schulz CD')
    expect(n.counterpartyName).toBe('Thomas Schulz')
  })

  it('reads PURP+ as the purpose code and a name over ?32 and ?33', () => {
    // jejik-mt940 volksbankenraiffeisenbanken.txt: a standing order credit, GVC 152.
    const p = parseNarrative(
      '152?00DA-GUTSCHRIFT?10931?20PURP+RINP Dauerauftrag/Rate?21SVWZ+Spende IBAN: DE3150010' +
        '?225174278239442 BIC: NORSDE51?30NORSDE51?31DE31500105174278239442?32Edeltraud Meyer',
    )
    expect(p.purpose).toBe('RINP')
    expect(p.remittance).toBe('Spende')
    const two = parseNarrative(
      '166?00UEBERWEISUNG?10931?20SVWZ+Musical, Martin Hellwig,?21plus CD IBAN: DE?2242500105171213694382 BIC: ' +
        '?23SOLSDE33 ?30DSOLSDE33?31DE42500105171213694382?32Hellwig, Annegret, Hellwig,?33 Dieter',
    )
    expect(two.counterpartyName).toBe('Hellwig, Annegret, Hellwig, Dieter')
    expect(two.remittance).toBe('Musical, Martin Hellwig,plus CD')
  })

  it('joins a subfield code cut by the line width, KREF+ and ?60 (betterplace SEPA test file)', () => {
    // wolph/mt940 betterplace/sepa_mt9401.sta: `?2` at the end of a line, `2MTLG` on the next.
    const text = joinNarrativeLines([
      '191?00SEPA-UEBERW?100399?20KREF+TFNr 01005 PayId CTSc-?2101 EBB?2',
      '2MTLG:SEPA-Ueberweisungsauft?23rag Datei mit 0000005 Zahlu?24ngen',
    ])
    const n = parseNarrative(text)
    expect(n.gvc).toBe('191')
    expect(n.customerRef).toBe(
      'TFNr 01005 PayId CTSc-01 EBBMTLG:SEPA-Ueberweisungsauftrag Datei mit 0000005 Zahlungen',
    )
    expect(n.remittance).toBe('')
    const ending = parseNarrative(
      '116?00SEPA-UEBERW?100399?20EREF+NONREF?21KREF+TFNR 01011 Instruct?22ion Id  00007?23SVWZ+' +
        'Unstrukturierter Verwe?24ndungszweck?30SOGEFRPPXXX?31FR1420041010050500013M02606' +
        '?32Empfaenger 7 mit 70 Zeichen?33 Empfaenger 7 mit 70 Zeiche?60beachten',
    )
    expect(ending.remittance).toBe('Unstrukturierter Verwendungszweckbeachten')
    expect(ending.counterpartyIban).toBe('FR1420041010050500013M02606')
  })

  it('reads ABWA+, MREF+ and CRED+ of a direct debit', () => {
    const n = parseSepaKeywords(
      'EREF+1234 MREF+M-77 CRED+DE98ZZZ09999999999 SVWZ+Beitrag 2024 ABWA+Erika Mustermann',
    )
    expect(n).toMatchObject({
      endToEndRef: '1234',
      mandateRef: 'M-77',
      creditorId: 'DE98ZZZ09999999999',
      remittance: 'Beitrag 2024',
      ultimateName: 'Erika Mustermann',
    })
  })
})

describe('Dutch / SEPA slash tags', () => {
  it("reads ING's CNTP and REMI/USTD with text holding '/' (ING mt940_iban.txt)", () => {
    // zilverline/mt940 spec/fixtures/ing/mt940_iban.txt.
    const n = parseNarrative(
      joinNarrativeLines([
        '/EREF/02164810730000043//MARF/M12345678909//CSID/NL39KPN12345',
        '0000000//CNTP/NL75INGB0000012345/INGBNL2A/KPN - MOBIEL///REMI/UST',
        'D//Factuurnr: 123456789.00. Kijk voor meer informatie op KPN.com ',
        'of Hi.nl/',
      ]),
    )
    expect(n).toEqual({
      dialect: 'sepa-tags',
      endToEndRef: '02164810730000043',
      mandateRef: 'M12345678909',
      creditorId: 'NL39KPN123450000000',
      counterpartyIban: 'NL75INGB0000012345',
      counterpartyBic: 'INGBNL2A',
      counterpartyName: 'KPN - MOBIEL',
      remittance: 'Factuurnr: 123456789.00. Kijk voor meer informatie op KPN.com of Hi.nl',
    })
    const card = parseNarrative(
      '/REMI/USTD//20-08-14 05:52 BETAALAUTOMAAT   NHOW Aaaaa / BERLIN            008 52I9S8/',
    )
    expect(card.remittance).toBe('20-08-14 05:52 BETAALAUTOMAAT NHOW Aaaaa / BERLIN 008 52I9S8')
    expect(card.counterpartyName).toBeUndefined()
  })

  it('reads Rabobank ORDP//NAME, ADDR and a REMI written twice', () => {
    // zilverline/mt940 spec/fixtures/rabobank/fix_rabo_twice_remi.txt.
    const n = parseNarrative(
      "/EREF/201700101-2222222/ORDP//NAME/STG. KLANTGELDEN SEPAY/ADDR/Dr. Huisstraaaat 99 1000AA 'S-GRAVENHAGE Nederland NL/REMI//REMI/AFREK. BETAALAUTOMAAT MaestroREFNR. H6MJV5DAT. 20170601 AANT. 11",
    )
    expect(n.counterpartyName).toBe('STG. KLANTGELDEN SEPAY')
    expect(n.endToEndRef).toBe('201700101-2222222')
    expect(n.remittance).toBe('AFREK. BETAALAUTOMAAT MaestroREFNR. H6MJV5DAT. 20170601 AANT. 11')
  })

  it('reads the ABN AMRO TRTP/IBAN/BIC/NAME/REMI/EREF form', () => {
    const n = parseNarrative(
      '/TRTP/SEPA OVERBOEKING/IBAN/NL44RABO0123456789/BIC/RABONL2U/NAME/J. JANSEN/REMI/Huur 2014/05 kamer 3/EREF/NOTPROVIDED',
    )
    expect(n).toEqual({
      dialect: 'sepa-tags',
      bookingText: 'SEPA OVERBOEKING',
      counterpartyIban: 'NL44RABO0123456789',
      counterpartyBic: 'RABONL2U',
      counterpartyName: 'J. JANSEN',
      remittance: 'Huur 2014/05 kamer 3',
    })
  })
})

describe('unstructured text', () => {
  it('is the remittance, joined with spaces unless a line was full (ABN AMRO, ING)', () => {
    // svenstaro/mt940-rs abnamro/mt940.sta.
    const abn = parseNarrative('BEA   NR:YV7XDL   24.08.19/15.33 RESTAURANT IL SENSO MIDD,PAS263')
    expect(abn).toEqual({
      dialect: 'text',
      remittance: 'BEA NR:YV7XDL 24.08.19/15.33 RESTAURANT IL SENSO MIDD,PAS263',
    })
    // zilverline/mt940 ing_structured.txt: the first line is 65 characters with its tag.
    const ing = parseNarrative(
      joinNarrativeLines(['NL57ABNA0987654321 ABNANL2A J AAP kilometervergoeding 3e kwart', 'aal']),
    )
    expect(ing.remittance).toBe('J AAP kilometervergoeding 3e kwartaal')
    expect(ing.counterpartyIban).toBe('NL57ABNA0987654321')
    expect(ing.counterpartyBic).toBe('ABNANL2A')
    expect(joinNarrativeLines([' RC afrekening betalingsverkeer', 'Factuurnr. 123456'])).toBe(
      ' RC afrekening betalingsverkeer Factuurnr. 123456',
    )
  })

  it("reads ABN AMRO's labelled text (NAAM:, OMSCHRIJVING:)", () => {
    // zilverline/mt940 spec/fixtures/abn/abn_sepa_overboeking.txt.
    const n = parseNarrative(
      joinNarrativeLines([
        'SEPA OVERBOEKING                 IBAN: NL56CHAS0101010101',
        'BIC: CHASNL2XXXX                 NAAM: AA GHGHGH NETHERLANDS B.V.',
        'OMSCHRIJVING: 1412DEC 2015 CONSU LTING',
        'KENMERK: 7541410',
      ]),
    )
    expect(n).toEqual({
      dialect: 'text',
      bookingText: 'SEPA OVERBOEKING',
      counterpartyIban: 'NL56CHAS0101010101',
      counterpartyBic: 'CHASNL2XXXX',
      counterpartyName: 'AA GHGHGH NETHERLANDS B.V.',
      endToEndRef: '7541410',
      remittance: '1412DEC 2015 CONSU LTING',
    })
  })

  it('reads SEPA keywords inside a German CSV purpose column', () => {
    const text = 'Lastschrift SVWZ+Mitgliedsbeitrag 03/2024 ABWA+Max Muster EREF+XY-1'
    expect(hasSepaKeywords(text)).toBe(true)
    expect(hasSepaKeywords('Rent for May')).toBe(false)
    expect(parseNarrative(text)).toMatchObject({
      dialect: 'text',
      remittance: 'Mitgliedsbeitrag 03/2024',
      ultimateName: 'Max Muster',
      endToEndRef: 'XY-1',
    })
  })

  it('never throws and always returns a remittance of squeezed text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const n = parseNarrative(text)
        expect(typeof n.remittance).toBe('string')
        expect(n.remittance).toBe(n.remittance.replace(/\s+/g, ' ').trim())
      }),
    )
  })
})

describe('the categoriser on SEPA keyword text', () => {
  it('reads the SVWZ+ remittance, not a merchant name inside a reference', () => {
    const r = categorizeTransaction({
      description: 'EREF+SPOTIFY 2024-06 SVWZ+Miete Juni Wohnung 3',
      amount: -850,
    })
    expect(r.category).toBe('rent')
  })
})
