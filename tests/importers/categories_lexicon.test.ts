/**
 * The categoriser's tables on hand-written statement lines in the shapes banks print them: payment
 * processors and booking words cut before matching and from the counterparty, the large chains of
 * each market, kinds of shop in seven languages, bank app categories, and words that must not match
 * inside other words. None of these lines comes from a labelled set.
 */
import { describe, expect, it } from 'vitest'
import {
  categorizeTransaction,
  categoryFromBank,
  counterpartyFromDescription,
  foldText,
  lexiconMatch,
} from '../../runtime/importers/categories.ts'
import { stripPaymentPrefixes } from '../../runtime/importers/_payment_prefixes.ts'
import { KIND_WORDS, LEXICON } from '../../runtime/importers/_lexicon.ts'
import { MERCHANTS } from '../../runtime/importers/_merchants.ts'

const categoryOf = (description: string, amount = -20): string =>
  categorizeTransaction({ description, amount }).category

function expectCategories(cases: readonly (readonly [string, string])[]): void {
  for (const [description, want] of cases) expect(categoryOf(description), description).toBe(want)
}

describe('payment processor and booking prefixes', () => {
  it('are cut before the merchant, in every language', () => {
    const cases: [string, string][] = [
      ['SUMUP *BOULANGERIE MARTIN', 'BOULANGERIE MARTIN'],
      ['SumUp  *Café Lou', 'Café Lou'],
      ['SQ *BLUE BOTTLE COFFEE', 'BLUE BOTTLE COFFEE'],
      ['PAYPAL *SPOTIFY', 'SPOTIFY'],
      ['ZETTLE_*Bakery Hill', 'Bakery Hill'],
      ['iZ *Fish Shack', 'Fish Shack'],
      ['CRV*LE PETIT ZINC', 'LE PETIT ZINC'],
      ['CB MONOPRIX', 'MONOPRIX'],
      ['CARTE X1234 12/03 PICARD', 'PICARD'],
      ['PRLV SEPA FREE MOBILE', 'FREE MOBILE'],
      ['PRÉLÈVEMENT SEPA ENGIE', 'ENGIE'],
      ['VIR SEPA LOYER MARS', 'LOYER MARS'],
      ['Kartenzahlung girocard Metzgerei Huber', 'Metzgerei Huber'],
      ['SEPA-Lastschrift Stadtwerke München', 'Stadtwerke München'],
      ['LASTSCHRIFT Rundfunk ARD ZDF', 'Rundfunk ARD ZDF'],
      ['COMPRA TARJ. MERCADONA', 'MERCADONA'],
      ['PAGO EN PANADERIA LA ESPIGA', 'PANADERIA LA ESPIGA'],
      ['BIZUM Juan cena', 'Juan cena'],
      ['BEA, Betaalpas Albert Heijn 1234', 'Albert Heijn 1234'],
      ['BETAALAUTOMAAT Bakkerij Bart', 'Bakkerij Bart'],
      ['PAGAMENTO POS ESSELUNGA', 'ESSELUNGA'],
      ['ADDEBITO SDD ENEL ENERGIA', 'ENEL ENERGIA'],
      ['POS TESCO STORES', 'TESCO STORES'],
      ['CARD PAYMENT TO PRET A MANGER', 'PRET A MANGER'],
      ['VIS SAINSBURYS', 'SAINSBURYS'],
      ['CB SUMUP *CAFE DU COIN', 'CAFE DU COIN'],
    ]
    for (const [line, rest] of cases) expect(stripPaymentPrefixes(line), line).toBe(rest)
  })

  it('leave a line that starts with a merchant alone, and cut nothing inside a word', () => {
    for (const line of [
      'VIRGIN MEDIA',
      'CBA SYSTEMS',
      'POSTNL',
      'DEBENHAMS',
      'Pagina Uno',
      'Cartoleria Rossi',
      'Ideale Sport',
    ]) {
      expect(stripPaymentPrefixes(line), line).toBe(line)
    }
  })

  it('give a clean counterparty', () => {
    expect(counterpartyFromDescription('SUMUP *BOULANGERIE MARTIN')).toBe('BOULANGERIE MARTIN')
    expect(counterpartyFromDescription('SQ *BLUE BOTTLE COFFEE')).toBe('BLUE BOTTLE COFFEE')
    expect(counterpartyFromDescription('PAYPAL *SPOTIFY')).toBe('SPOTIFY')
    expect(counterpartyFromDescription('CB SUMUP *CAFE DU COIN 12/03')).toBe('CAFE DU COIN')
    expect(counterpartyFromDescription('Kartenzahlung girocard Metzgerei Huber')).toBe(
      'Metzgerei Huber',
    )
    expect(
      categorizeTransaction({ description: 'ZETTLE_*Bakery Hill', amount: -4 }).counterparty,
    ).toBe('Bakery Hill')
    // A line that is nothing but a booking word keeps it.
    expect(counterpartyFromDescription('SEPA-Lastschrift')).toBe('SEPA-Lastschrift')
  })

  it('still let the words that say what happened decide', () => {
    expect(categoryOf('RETRAIT DAB 12/03 PARIS')).toBe('cash')
    expect(categoryOf('PRELIEVO BANCOMAT')).toBe('cash')
    expect(categoryOf('BIZUM Juan')).toBe('transfer')
    // PayPal paying a company is a purchase (LABELLING.md `shopping`); to a person, a transfer.
    expect(categoryOf('PAYPAL *ACME GMBH')).toBe('shopping')
    expect(categoryOf('PAYPAL *JOHN SMITH')).toBe('transfer')
  })
})

describe('the large chains of each market', () => {
  it('groceries, discounters and bakeries', () => {
    expectCategories([
      ['MORRISONS 123 LEEDS', 'groceries'],
      ['DUNNES STORES CORK', 'groceries'],
      ['PUBLIX #1234', 'groceries'],
      ['CB E.LECLERC 02/01', 'groceries'],
      ['DELHAIZE BRUXELLES', 'groceries'],
      ['Kartenzahlung ALDI SUED', 'groceries'],
      ['MIGROS ZUERICH', 'groceries'],
      ['COMPRA ALCAMPO', 'groceries'],
      ['BEA Dirk van den Broek', 'groceries'],
      ['PAGAMENTO POS EUROSPIN', 'groceries'],
      ['COMPRA PINGO DOCE LISBOA', 'groceries'],
    ])
  })

  it('fuel, transit, rail and ride-hailing', () => {
    expectCategories([
      ['CIRCLE K 4455', 'transport'],
      ['APPLEGREEN DUBLIN', 'transport'],
      ['TOTALENERGIES STATION', 'transport'],
      ['TFL TRAVEL CH', 'transport'],
      ['TRAINLINE.COM', 'transport'],
      ['SNCF CONNECT', 'transport'],
      ['DB Fernverkehr AG', 'transport'],
      ['FLIXBUS', 'transport'],
      ['ASFINAG Maut', 'transport'],
      ['UBER *TRIP', 'transport'],
      ['CABIFY MADRID', 'transport'],
      ['NS GROEP ZAKELIJK', 'transport'],
      ['TELEPASS SPA', 'transport'],
      ['VIA VERDE PORTUGAL', 'transport'],
    ])
  })

  it('airlines, hotels, telecoms, energy, insurers and streaming', () => {
    expectCategories([
      ['AER LINGUS', 'travel'],
      ['WIZZ AIR HU', 'travel'],
      ['PREMIER INN', 'travel'],
      ['EUROSTAR INTERNATIONAL', 'travel'],
      ['GIFFGAFF', 'phone'],
      ['PRLV SEPA BOUYGUES TELECOM', 'phone'],
      ['congstar Rechnung', 'phone'],
      ['PROXIMUS', 'phone'],
      ['VIRGIN MEDIA', 'internet'],
      ['OCTOPUS ENERGY', 'utilities'],
      ['ELECTRIC IRELAND', 'utilities'],
      ['E.ON Energie Deutschland', 'utilities'],
      ['ADDEBITO SDD ENEL ENERGIA', 'utilities'],
      ['AVIVA INSURANCE', 'insurance'],
      ['HUK-COBURG', 'insurance'],
      ['MUTUA MADRILEÑA', 'insurance'],
      ['PAYPAL *DISNEYPLUS', 'subscriptions'],
      ['YOUTUBE PREMIUM', 'subscriptions'],
      ['AUDIBLE UK', 'subscriptions'],
    ])
  })

  it('restaurants, coffee, shops, pharmacies and gyms', () => {
    expectCategories([
      ['GREGGS PLC', 'cafe'],
      ['TIM HORTONS', 'cafe'],
      ['NANDOS LONDON', 'restaurants'],
      ['TELEPIZZA', 'restaurants'],
      ['LIEFERANDO.DE', 'restaurants'],
      ['DOORDASH*CHIPOTLE', 'restaurants'],
      ['VINTED', 'shopping'],
      ['CURRYS PC WORLD', 'shopping'],
      ['ACTION 1234 UTRECHT', 'shopping'],
      ['ROSSMANN 123', 'health'],
      ['KRUIDVAT 5678', 'health'],
      ['WALGREENS #1234', 'health'],
      ['PUREGYM', 'sports'],
      ['BASIC-FIT', 'sports'],
      ['SCREWFIX DIRECT', 'home'],
      ['LEROY MERLIN', 'home'],
    ])
  })
})

describe('kinds of shop and payment in seven languages', () => {
  it('name the category when no merchant is known', () => {
    expectCategories([
      ['BUTCHER MILLER', 'groceries'],
      ['CB BOUCHERIE DU MARCHE', 'groceries'],
      ['Metzgerei Huber', 'groceries'],
      ['PAGO EN CARNICERIA PEPE', 'groceries'],
      ['Slagerij De Vries', 'groceries'],
      ['MACELLERIA ROSSI', 'groceries'],
      ['TALHO CENTRAL', 'groceries'],
      ['Bäckerei Schmidt', 'groceries'],
      ['PANADERÍA LA ESPIGA', 'groceries'],
      ['STATION-SERVICE AVIA', 'transport'],
      ['Tankstelle Süd', 'transport'],
      ['ESTACION DE SERVICIO SAN JUAN', 'transport'],
      ['Parkhaus Zentrum', 'transport'],
      ['PARCHEGGIO CENTRO', 'transport'],
      ['FARMACIA LOPEZ', 'health'],
      ['Stadt-Apotheke', 'health'],
      ['Zahnarztpraxis Dr. Weber', 'health'],
      ['SALON DE COIFFURE ELEGANCE', 'beauty'],
      ['Kapsalon Mooi', 'beauty'],
      ['LIBRAIRIE DU CENTRE', 'shopping'], // bookshops are shops (LABELLING.md)
      ['Schuhhaus Meier Schuhe', 'shopping'],
      ['Kita Sonnenschein', 'education'],
      ['SERRURIER EXPRESS', 'home'],
    ])
  })

  it('read rent, salary, fees, cash and taxes wording', () => {
    const cases: [string, number, string][] = [
      ['Miete Mai Wohnung 3', -900, 'rent'],
      ['VIR SEPA LOYER MARS', -750, 'rent'],
      ['Alquiler vivienda', -600, 'rent'],
      ['Huur april', -800, 'rent'],
      ['Gehaltszahlung April ACME GmbH', 2400, 'salary'],
      ['VIR SEPA RECU SALAIRE MARS', 2100, 'salary'],
      ['Nómina ACME SL', 1800, 'salary'],
      ['Salaris april', 2300, 'salary'],
      ['PAYROLL DEPOSIT ACME INC', 3000, 'salary'],
      ['Kontoführungsgebühr', -4.9, 'fees'],
      ['OVERDRAFT FEE', -25, 'fees'],
      ['Sollzinsen', -3.1, 'fees'],
      ['INTEREST CHARGE', -12, 'fees'],
      ['Zinsen', -2, 'fees'],
      ['Zinsen', 2, 'interest'],
      ['CASHPOINT WDL', -50, 'cash'],
      ['CPT LLOYDS BANK HIGH ST', -50, 'cash'],
      ['NON-CHASE ATM FEE', -3, 'fees'],
      ['COTIS CARTE VISA PREMIER', -134, 'fees'],
      ['IMPOSTO DO SELO', -0.5, 'taxes'],
      ['GEA Rabobank Utrecht', -50, 'cash'],
      ['COUNCIL TAX LEEDS CC', -120, 'taxes'],
      ['Rundfunk ARD ZDF Deutschlandradio', -55.08, 'taxes'],
      ['URSSAF', -300, 'taxes'],
      ['ZELLE TO JOHN SMITH', -40, 'transfer'],
      ['Umbuchung Tagesgeld', -500, 'savings'],
      ['Umbuchung', -500, 'transfer'],
    ]
    for (const [description, amount, want] of cases) {
      expect(categorizeTransaction({ description, amount }).category, description).toBe(want)
    }
  })
})

describe('matching whole words only', () => {
  it('does not find a common word inside another word', () => {
    // 'miete' is not in 'Mietwagen', 'bar' nowhere, 'park' not in 'Parkinson', 'eni' not in 'Venice'.
    expect(lexiconMatch('Mietwagen Verleih')?.category).not.toBe('rent')
    expect(lexiconMatch('Parkinson Association')?.category).not.toBe('transport')
    expect(lexiconMatch('Venice Beach')).toBeUndefined()
    expect(lexiconMatch('BOULANGERIE PAUL')?.category).toBe('groceries')
    expect(lexiconMatch('BOULANGER ELECTROMENAGER')?.category).toBe('shopping')
    expect(lexiconMatch('ALDI STORE')?.category).toBe('groceries')
    expect(lexiconMatch('SALTO')).toBeUndefined()
    expect(lexiconMatch('Tim Fischer')).toBeUndefined()
    expect(lexiconMatch('Stichting Mollie Payments')).toBeUndefined()
  })

  it('lets the longest name win over a shorter one inside it', () => {
    expect(categoryOf('TESCO MOBILE')).toBe('phone')
    expect(categoryOf('TESCO STORES 3297')).toBe('groceries')
    expect(categoryOf('ALDI TALK')).toBe('phone')
    expect(categoryOf('ATM MILANO')).toBe('transport')
    expect(categoryOf('PRET A MANGER')).toBe('cafe')
    expect(categoryOf('UBER EATS')).toBe('restaurants')
  })

  it('finds what testing every keyword on the line finds, on lines made of every keyword', () => {
    // The matcher looks whole-word keywords up by phrase and tries an open-ended keyword only where
    // a word of the line starts with its first letters; the reference tests every keyword.
    const entries = [
      ...LEXICON,
      ...MERCHANTS.map((m) => ({ ...m, name: undefined })),
      ...KIND_WORDS,
    ].map((entry, order) => ({ entry, order }))
    const compiled = entries.flatMap(({ entry, order }) =>
      entry.keywords.map((keyword) => {
        const core = foldText(keyword.replace(/^\*|\*$/g, ''))
        const open = (end: boolean): string => (end ? '[a-z0-9]*' : '')
        const body = core.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        return {
          regex: new RegExp(
            `(?:^| )${open(keyword.startsWith('*'))}${body}${open(keyword.endsWith('*'))}(?= |$)`,
          ),
          length: core.length,
          order,
          category: entry.category,
        }
      }),
    )
    const reference = (text: string): string | undefined => {
      const folded = foldText(stripPaymentPrefixes(text))
      let best: (typeof compiled)[number] | undefined
      for (const k of compiled) {
        if (folded === '' || !k.regex.test(folded)) continue
        if (
          best === undefined ||
          k.length > best.length ||
          (k.length === best.length && k.order < best.order)
        )
          best = k
      }
      return best?.category
    }
    const keywords = entries.flatMap(({ entry }) => entry.keywords.map((k) => k.replace(/\*/g, '')))
    let checked = 0
    for (let i = 0; i < keywords.length; i += 7) {
      const k = keywords[i]!
      const next = keywords[(i * 31 + 5) % keywords.length]!
      for (const line of [`KARTENZAHLUNG ${k} 1234`, `${k}haus ${next}`, `xx${k} ${next}x`]) {
        expect(lexiconMatch(line)?.category, line).toBe(reference(line))
        checked++
      }
    }
    expect(checked).toBeGreaterThan(3000)
  })

  it('folds case and accents the same on both sides', () => {
    expect(categoryOf('ÉPICERIE FINE')).toBe('groceries')
    expect(categoryOf('bäckerei')).toBe('groceries')
    expect(categoryOf('PELUQUERÍA ANA')).toBe('beauty')
  })
})

describe("the bank's own category", () => {
  it('maps English, French, German, Spanish, Dutch, Italian and Portuguese app categories', () => {
    const cases: [string, string][] = [
      ['Food & Drink', 'restaurants'],
      ['Bills & Utilities', 'utilities'],
      ['Gas & Fuel', 'transport'],
      ['Health & Wellness', 'health'],
      ['Fees & Adjustments', 'fees'],
      ['Alimentation / Supermarché', 'groceries'],
      ['Mobilität / Tanken', 'transport'],
      ['Restauración', 'restaurants'],
      ['Eten & drinken', 'restaurants'],
      ['Utenze', 'utilities'],
      ['Saúde', 'health'],
    ]
    for (const [bank, want] of cases) expect(categoryFromBank(bank), bank).toBe(want)
  })

  it('falls back to the lexicon on the category text', () => {
    expect(categoryFromBank('Supermärkte & Discounter')).toBe('groceries')
    expect(categoryFromBank('Sonstiges')).toBeUndefined()
    const r = categorizeTransaction({
      description: 'ACME 1234',
      amount: -9,
      bankCategory: 'Freizeit / Kino',
    })
    expect(r).toMatchObject({ category: 'leisure', evidence: 'bank' })
  })
})

describe('merchant category codes', () => {
  it('override their range where the range says the wrong thing', () => {
    const coded = (mcc: string): string =>
      categorizeTransaction({ description: 'XK 1234', amount: -10, mcc }).category
    expect(coded('5942')).toBe('shopping') // book stores: the range's answer is the rule book's
    expect(coded('5921')).toBe('groceries') // liquor stores
    expect(coded('4582')).toBe('travel') // airports, not transport
    expect(coded('7512')).toBe('travel') // car rental
    expect(coded('7216')).toBe('home') // dry cleaners
    expect(coded('5999')).toBe('shopping') // the range still answers the rest
  })
})

describe('transaction types', () => {
  it('reads wallet and bank type columns', () => {
    const typed = (type: string, amount = -10): string =>
      categorizeTransaction({ description: 'XK 1234', amount, type }).category
    expect(typed('topup', 50)).toBe('transfer')
    expect(typed('pot transfer')).toBe('savings')
    expect(typed('atm withdrawal')).toBe('cash')
    expect(typed('cashback', 2)).toBe('income')
  })
})
