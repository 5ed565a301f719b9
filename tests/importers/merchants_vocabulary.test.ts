/**
 * The wider merchant and trade vocabulary (`_merchants.ts`, `_lexicon.ts`): chains and kinds of shop
 * of the markets the categoriser serves, read on statement lines written by hand in the shapes banks
 * print them (card payments, direct debits, transfers), in the seven languages. None is copied from
 * a labelled set.
 */
import { describe, expect, it } from 'vitest'
import { categorizeTransaction, lexiconMatch } from '../../runtime/importers/categories.ts'

const categoryOf = (description: string, amount = -20): string =>
  categorizeTransaction({ description, amount }).category

function expectCategories(cases: readonly (readonly [string, string])[], amount = -20): void {
  for (const [description, want] of cases)
    expect(categoryOf(description, amount), description).toBe(want)
}

describe('chains by name', () => {
  it('English: UK, Ireland, the US, Canada and Australia', () => {
    expectCategories([
      ['CARD PAYMENT TO TESCO PFS 2345 LONDON', 'transport'],
      ['CARD PAYMENT TO SHELL 1234 LONDON', 'transport'],
      ['DIRECT DEBIT SOUTH WEST WATER', 'utilities'],
      ['DD SCOTTISH WATER REF 99812', 'utilities'],
      ['POS LOBLAWS #1021 TORONTO ON', 'groceries'],
      ['PETRO-CANADA 12345 CALGARY AB', 'transport'],
      ['DEBIT CARD PURCHASE WINGSTOP 1187 DALLAS TX', 'restaurants'],
      ['EFTPOS CHEMIST WAREHOUSE SYDNEY', 'health'],
      ['BUNNINGS 332000 MELBOURNE', 'home'],
      ['QANTAS AIRWAYS 0812345678', 'travel'],
      ['ORIGIN ENERGY DIRECT DEBIT 334455', 'utilities'],
      ['PLANET FITNESS CLUB FEES', 'sports'],
      ['SALLIE MAE LOAN PMT', 'loan'],
      ['DIRECT DEBIT BRISTOL CITY COUNCIL CTAX', 'taxes'],
      ['CARD PAYMENT TO GREAT CLIPS 4411', 'beauty'],
      ['PAYPAL *EVENTBRITE', 'leisure'],
    ])
  })

  it('German: Germany, Austria and Switzerland', () => {
    expectCategories([
      ['Lastschrift Stadtwerke München', 'utilities'],
      ['SEPA-Lastschrift BERLINER WASSERBETRIEBE Abschlag', 'utilities'],
      ['Kartenzahlung BACKWERK Köln Hbf', 'groceries'],
      ['Kartenzahlung KAMPS BÄCKEREI 4471', 'groceries'],
      // A health fund's premium paid is insurance (LABELLING.md), its reimbursement health.
      ['Lastschrift BARMER Beitrag', 'insurance'],
      ['Kartenzahlung Budnikowsky Hamburg', 'health'],
      ['Lastschrift Stadtkasse Leipzig Hundesteuer', 'taxes'],
      ['Kartenzahlung Möbelhaus Ostermann', 'home'],
      ['Lastschrift EASYCREDIT Rate 12', 'loan'],
      ['Bezahlung Maestro HERVIS Wien', 'sports'],
      ['Lastschrift Linz AG Strom Gas', 'utilities'],
      ['Kartenzahlung Digitec Galaxus AG Zürich', 'shopping'],
      ['Kartenzahlung Waschanlage Mr Wash', 'transport'],
    ])
  })

  it('French: France, Belgium and Switzerland', () => {
    expectCategories([
      ['PRLV SEPA SAUR EAU POTABLE', 'utilities'],
      ['CB INTERMARCHE CARBURANT 12/03', 'transport'],
      ['CB OPTICAL CENTER LYON', 'health'],
      ['CB GIFI 0345 NANTES', 'shopping'],
      ['PRLV SEPA FRANFINANCE ECHEANCE', 'loan'],
      ['CB PUY DU FOU LES EPESSES', 'leisure'],
      ['PAIEMENT CB CHAMBRE D HOTES LES TILLEULS', 'travel'],
      ['DOMICILIATION SOLIDARIS 0123456789', 'health'],
      ['CB ONGLERIE BELLA 44', 'beauty'],
      ['VIREMENT COMMUNE DE SAINT-GILLES TAXE', 'taxes'],
    ])
    // A health fund's reimbursement stays health (the rule book's `CPAM` (in)).
    expect(categoryOf('REMBOURSEMENT SOLIDARIS SOINS DE SANTE', 35)).toBe('health')
  })

  it('Spanish: Spain, Mexico, Chile and Argentina', () => {
    expectCategories([
      ['COMPRA TARJ. BONAREA GUISSONA', 'groceries'],
      ['COMPRA EN CHURRERIA SAN GINES MADRID', 'restaurants'],
      ['RECIBO AQUALIA AGUA 2T', 'utilities'],
      ['COMPRA OXXO SUC 4521 MONTERREY', 'groceries'],
      ['PAGO TELCEL RECARGA', 'phone'],
      ['COMPRA COPEC LAS CONDES', 'transport'],
      ['DEBITO AUTOMATICO EDENOR', 'utilities'],
      ['COMPRA EN FARMACITY PALERMO', 'health'],
      ['COMPRA EN PELUQUERIA MARCO ALDANY', 'beauty'],
      ['RECIBO SEGURIDAD SOCIAL AUTONOMOS', 'taxes'],
    ])
  })

  it('Dutch: the Netherlands and Belgium', () => {
    expectCategories([
      ['BEA Kwalitaria Zwolle', 'restaurants'],
      ['Incasso Vandebron energie', 'utilities'],
      ['Incasso Gemeentebelastingen Utrecht', 'taxes'],
      ['Betaalautomaat Stomerij De Wit', 'home'],
      ['Incasso Hartstichting donatie', 'charity'],
      ['BEA Keurslager Jansen', 'groceries'],
      ['Incasso ANWB Wegenwacht', 'transport'],
    ])
  })

  it('Italian and Portuguese: Italy, Portugal and Brazil', () => {
    expectCategories([
      ['PAGAMENTO POS ROSSOPOMODORO NAPOLI', 'restaurants'],
      ['ADDEBITO SDD SERVIZIO ELETTRICO NAZIONALE', 'utilities'],
      ['PAGAMENTO PAGOPA TARI COMUNE', 'taxes'],
      ['PAGAMENTO POS TIGOTA MILANO', 'health'],
      ['ACQUISTO GELATERIA GROM TORINO', 'restaurants'],
      ['COMPRA CONTINENTE BOM DIA LISBOA', 'groceries'],
      ['PAG SERV EPAL AGUA', 'utilities'],
      ['COMPRA BERTRAND LIVREIROS', 'shopping'],
      ['Pag*Drogaria Pague Menos', 'health'],
      ['Debito Ultragaz Botijao', 'utilities'],
      ['Compra Cinemark Shopping Eldorado', 'leisure'],
    ])
  })
})

describe('kinds of shop and service', () => {
  it('read the trade word in seven languages', () => {
    expectCategories([
      ['CARD PAYMENT TO THE FISH AND CHIPS SHOP', 'restaurants'],
      ['Kartenzahlung Reformhaus Bacher', 'groceries'],
      ['CB CAVE ET FROMAGERIE DU MARCHE', 'groceries'],
      ['COMPRA QUESERIA LA VIEJA', 'groceries'],
      ['BEA Kaashandel Henri', 'groceries'],
      ['Kartenzahlung Gaststätte Zum Anker', 'restaurants'],
      ['COMPRA SIDRERIA EL LLAGAR', 'restaurants'],
      ['PAGAMENTO POS PANINOTECA DA MARIO', 'restaurants'],
      ['BEA Broodjeszaak Het Hoekje', 'restaurants'],
      ['CARD PAYMENT FUEL STATION A38', 'transport'],
      ['Kartenzahlung Ladesäule Parkplatz Nord', 'transport'],
      ['PAGAMENTO AREA DI SERVIZIO CANTAGALLO', 'transport'],
      ['COMPRA LAVADO DE AUTOS EL SOL', 'transport'],
      ['BEA Laadpaal Stationsplein', 'transport'],
      ['CB GITE DU LAC', 'travel'],
      ['PAGAMENTO AGRITURISMO IL PODERE', 'travel'],
      ['Kartenzahlung Gesundheitszentrum Mitte', 'health'],
      ['COMPRA CENTRO DE SALUD NORTE', 'health'],
      ['Pagamento Analises Clinicas Lab Sul', 'health'],
      ['Kartenzahlung Nagelstudio Lena', 'beauty'],
      ['COMPRA ESCUELA DE SURF OLA', 'sports'],
      ['Kartenzahlung Kletterhalle Nordwand', 'sports'],
      ['CB LASER GAME EVOLUTION', 'leisure'],
      ['BEA Dierentuin Amersfoort', 'leisure'],
      ['PAGAMENTO ACQUARIO DI GENOVA', 'leisure'],
      ['Kartenzahlung Uhrmacher Meier', 'shopping'],
      ['COMPRA FLORICULTURA JARDIM', 'shopping'],
      ['Kartenzahlung Schornsteinfeger Müller', 'home'],
      ['CB RAMONAGE SERVICE 35', 'home'],
      ['BEA Verhuisbedrijf De Vries', 'home'],
      ['Überweisung Elternbeitrag Grundschule am Park', 'education'],
      ['Lastschrift Abfallgebühren Landkreis', 'utilities'],
      ['PRLV COLLECTE DES DECHETS SICTOM', 'utilities'],
      ['Lastschrift Handyrechnung 05', 'phone'],
      ['ADDEBITO RICARICA TELEFONICA', 'phone'],
      ['PAGO POLIZA HOGAR', 'insurance'],
      ['Incasso Doorlopend krediet', 'loan'],
    ])
  })
})

describe('names that are also words stay out', () => {
  it('do not fire inside ordinary text', () => {
    for (const text of [
      'New balance 1234.56',
      'Oxford Circus',
      'Rue du Commerce 12',
      'Allego copia',
      'Desigual',
      'make up the difference',
      'avance de tresorerie',
      'recheio de chocolate',
      'Nürnberger Straße 5',
      'Zur Rose 3',
    ])
      expect(lexiconMatch(text), text).toBeUndefined()
  })
})
