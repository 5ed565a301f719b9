/**
 * What a receipt line says about the thing bought: its size ("Size 42", "UK 8", "EU 42 2/3",
 * "US 9.5 W", "Gr. 43", "Taille M"), its category ('footwear', 'apparel', …) and its brand, in
 * English, French, German, Spanish, Dutch, Italian and Portuguese. Shared by every purchases importer.
 */
import { foldText } from './categories.ts'

/** The purchases `category` vocabulary. */
export const PURCHASE_CATEGORIES = [
  'footwear',
  'apparel',
  'sports',
  'electronics',
  'books',
  'media',
  'groceries',
  'coffee',
  'home',
  'beauty',
  'health',
  'toys',
  'other',
] as const

/** One word of the purchases vocabulary. */
export type PurchaseCategory = (typeof PURCHASE_CATEGORIES)[number]

// Keywords per category (folded; `*` ends match the rest of a word), most specific category first:
// "running shoes" is footwear before "running" makes it sports.
// prettier-ignore
const ITEM_WORDS: readonly (readonly [PurchaseCategory, readonly string[]])[] = [
  ['footwear', [
    'shoe*', 'sneaker*', 'trainers', 'boots', 'boot', 'sandal*', 'slipper*', 'loafer*', 'footwear',
    'chaussure*', 'baskets', 'bottes', 'bottines', 'escarpins', 'pointure',
    'schuh*', '*schuh', '*schuhe', 'stiefel*', 'sandale*', 'turnschuh*', 'hausschuh*', 'schuhgrosse',
    'zapatilla*', 'zapato*', 'botas', 'calzado',
    'schoen*', '*schoen', '*schoenen', 'laarzen', 'laars',
    'scarpe', 'scarpa', 'scarpette', 'stivali', 'calzature',
    'sapatilha*', 'sapato*', 'tenis de corrida', 'calcado',
  ]],
  ['apparel', [
    'shirt*', 't shirt', 'tee', 'jacket', 'hoodie', 'jeans', 'trousers', 'pants', 'dress', 'sweater', 'socks',
    'shorts', 'leggings', 'tights', 'jumper', 'coat', 'cap', 'bra', 'underwear',
    'chemise', 'veste', 'pantalon', 'robe', 'pull', 'chaussettes', 'maillot', 'blouson', 'manteau',
    'hemd', 'jacke', 'hose', 'kleid', 'pullover', 'socken', 'mantel', 'laufshirt', 'laufhose',
    'camiseta', 'chaqueta', 'pantalon', 'vestido', 'calcetines', 'sudadera', 'abrigo', 'mallas',
    'overhemd', 'jas', 'broek', 'jurk', 'trui', 'sokken',
    'maglietta', 'giacca', 'pantaloni', 'vestito', 'calzini', 'felpa',
    'camisola', 'casaco', 'calcas', 'meias', 'calcoes',
  ]],
  ['electronics', [
    'headphone*', 'earbuds', 'charger', 'cable', 'usb*', 'hdmi', 'laptop', 'smartphone', 'tablet', 'kindle',
    'echo dot', 'ssd', 'keyboard', 'mouse', 'monitor', 'speaker', 'battery', 'batteries', 'power bank', 'watch band',
    'ecouteurs', 'chargeur', 'casque audio', 'clavier', 'souris',
    'kopfhorer', 'ladegerat', 'ladekabel', 'tastatur', 'akku',
    'auriculares', 'cargador', 'teclado', 'raton',
    'koptelefoon', 'oplader', 'toetsenbord',
    'cuffie', 'caricatore', 'tastiera',
    'auscultadores', 'carregador',
  ]],
  ['books', [
    'book', 'paperback', 'hardcover', 'kindle edition', 'novel',
    'livre', 'broche', 'roman',
    'buch', 'taschenbuch', 'gebundene ausgabe',
    'libro', 'tapa blanda', 'tapa dura',
    'boek', 'paperback',
    'copertina flessibile', 'copertina rigida',
    'livro', 'capa mole',
  ]],
  ['media', ['dvd', 'blu ray', 'vinyl', 'cd', 'audio cd', 'video game', 'jeu video', 'videospiel', 'videojuego']],
  ['coffee', ['coffee', 'espresso', 'cafe en grains', 'cafe moulu', 'kaffee*', 'kaffeebohnen', 'cafe molido', 'koffiebonen', 'caffe', 'nespresso']],
  ['sports', [
    'yoga mat', 'dumbbell*', 'kettlebell', 'helmet', 'bike', 'bicycle', 'racket', 'racquet', 'tennis ball*', 'football', 'running belt',
    'water bottle', 'gym', 'fitness', 'tapis de yoga', 'halteres', 'velo', 'casque velo',
    'hantel*', 'fahrrad*', 'fahrradhelm', 'yogamatte', 'esterilla', 'mancuerna*', 'bicicleta', 'fiets*', 'halter*', 'manubri', 'bici',
  ]],
  ['toys', ['toy', 'toys', 'lego', 'puzzle', 'jouet*', 'spielzeug', 'juguete*', 'speelgoed', 'giocattol*', 'brinquedo*']],
  ['beauty', ['shampoo', 'conditioner', 'moisturi*', 'lipstick', 'perfume', 'parfum', 'mascara', 'cosmetic*', 'creme', 'crema', 'champu', 'douchegel', 'duschgel']],
  ['health', ['vitamin*', 'supplement*', 'ibuprofen', 'paracetamol', 'plaster*', 'thermometer', 'complement alimentaire', 'nahrungserganzung']],
  ['groceries', ['snack*', 'chocolate', 'tea', 'pasta', 'rice', 'olive oil', 'cereal', 'the vert', 'schokolade', 'chocolat', 'cioccolato', 'aceite', 'huile']],
  ['home', [
    'lamp', 'pillow', 'towel*', 'mug', 'kitchen', 'pan', 'frying pan', 'vacuum', 'storage', 'bedding', 'duvet', 'curtain*',
    'lampe', 'oreiller', 'serviette', 'tasse', 'poele', 'coussin', 'kissen', 'handtuch', 'pfanne', 'becher',
    'almohada', 'toalla', 'sarten', 'taza', 'kussen', 'handdoek', 'cuscino', 'asciugamano', 'padella', 'almofada', 'toalha',
  ]],
]

// Retailers' own category names (Amazon's "Category" column, schema.org `category`) → vocabulary.
// prettier-ignore
const RETAIL_CATEGORIES: Readonly<Record<string, PurchaseCategory>> = {
  shoes: 'footwear', footwear: 'footwear', 'shoes handbags': 'footwear', schuhe: 'footwear', chaussures: 'footwear', zapatos: 'footwear',
  apparel: 'apparel', clothing: 'apparel', 'clothing shoes jewelry': 'apparel', bekleidung: 'apparel', vetements: 'apparel', ropa: 'apparel',
  electronics: 'electronics', 'personal computers': 'electronics', 'wireless': 'electronics', 'pc': 'electronics', elektronik: 'electronics',
  'abis book': 'books', paperback: 'books', hardcover: 'books', book: 'books', books: 'books', 'kindle edition': 'books', buch: 'books', livre: 'books',
  'sports': 'sports', 'sporting goods': 'sports', 'sports outdoors': 'sports', sport: 'sports',
  grocery: 'groceries', 'grocery gourmet food': 'groceries', lebensmittel: 'groceries',
  beauty: 'beauty', 'health personal care': 'health', 'health and beauty': 'beauty', drugstore: 'health',
  kitchen: 'home', home: 'home', 'home improvement': 'home', 'home garden': 'home', furniture: 'home',
  toy: 'toys', toys: 'toys', 'toys games': 'toys',
  'dvd': 'media', 'music': 'media', 'video games': 'media', 'digital music purchase': 'media',
}

// Brands that head the titles of the things people buy most (a title's brand is its first words).
// prettier-ignore
const BRANDS: readonly string[] = [
  'New Balance', 'Under Armour', 'The North Face', 'Dr. Martens', 'HOKA', 'Nike', 'Adidas', 'ASICS', 'Puma', 'Reebok', 'Brooks',
  'Saucony', 'Salomon', 'Mizuno', 'On', 'Altra', 'Merrell', 'Vans', 'Converse', 'Skechers', 'Timberland', 'Birkenstock',
  'Ecco', 'Geox', 'Clarks', 'Columbia', 'Patagonia', "Levi's", 'Uniqlo', 'Decathlon', 'Kalenji', 'Kiprun', 'Garmin', 'Apple',
  'Samsung', 'Sony', 'Anker', 'Logitech', 'Bose', 'JBL', 'Philips', 'Bosch', 'Braun', 'Lego', 'Amazon Basics', 'AmazonBasics',
  'Kindle', 'Nespresso', 'Lavazza', 'Illy', "L'Oréal", 'Nivea',
]

/** A size as printed, normalised: 'EU 42 2/3', 'EU 42.5', 'UK 8', 'US 9.5', 'US W 9.5', 'M', 'XL'. */
export function extractSize(text: string): string | undefined {
  const s = ` ${text.replace(/\s+/g, ' ')} `
  const num = '(\\d{1,2}(?:[.,]\\d)?(?:\\s?[12]\\/3|\\s?½|\\s?⅓|\\s?⅔)?)'
  const gender = "(?:\\s?(?:m|men'?s?|w|women'?s?|h|d)\\b)?"
  // "US 9.5 W", "US W 9.5", "US Women's 8", "UK 8", "EU 42 2/3", "EUR 42", with or without a colon.
  const system = new RegExp(
    `\\b(EU|EUR|UK|US)\\s?(?:size\\s?)?:?\\s?(m|men'?s?|w|women'?s?)?\\s?${num}(${gender})`,
    'i',
  )
  const m = system.exec(s)
  if (m !== null) return formatSystem(m[1] ?? '', m[3] ?? '', `${m[2] ?? ''}${m[4] ?? ''}`)
  // Jeans: waist and leg in inches ("W32 L34").
  const jeans = /\bW\s?(\d{2})\s?[/x ]?\s?L\s?(\d{2})\b/.exec(s)
  if (jeans !== null) return `W${jeans[1] ?? ''} L${jeans[2] ?? ''}`
  // "43.5 EU", "10 UK", "9.5 US W"
  const after = new RegExp(`[\\s,(]${num}\\s?(EU|EUR|UK|US)\\b(${gender})`, 'i').exec(s)
  if (after !== null) return formatSystem(after[2] ?? '', after[1] ?? '', after[3] ?? '')
  // "Size 42", "Taille : 42", "Größe 43", "Gr. 43", "Talla 42", "Maat 42", "Taglia 42", "Tamanho 42",
  // "Pointure 42", "Schuhgröße 43", "Número 42" — and apparel letters ("Size: M", "Taille XL").
  const word =
    /\b(?:size|sz|taille|pointure|gr(?:o|ö|oe)(?:ss|ß)e|gr\.|schuhgr(?:o|ö|oe)(?:ss|ß)e|talla|n[uú]mero|maat|taglia|misura|tamanho)\s?:?\s?((?:\d{1,2}(?:[.,]\d)?(?:\s?[12]\/3|\s?½|\s?⅓|\s?⅔)?)|(?:x{0,3}s|s|m|l|x{1,3}l|\d?xl)\b)/i.exec(
      s,
    )
  if (word !== null) {
    const value = (word[1] ?? '').trim()
    // A range ("taille 43-46", socks) is printed as it is: it is not one size.
    const range = /^\s?[-–]\s?(\d{1,2})\b/.exec(s.slice((word.index ?? 0) + word[0].length))
    if (range !== null && /^\d/.test(value)) return `${value}-${range[1] ?? ''}`
    if (/^\d/.test(value)) {
      const n = Number(value.replace(',', '.').replace(/\s?(?:[12]\/3|½|⅓|⅔)$/, ''))
      // Continental shoe sizes run 30–50: such a number is an EU size whatever the word's language.
      if (n >= 30 && n <= 50) return formatSystem('EU', value, '')
      return value.replace(',', '.')
    }
    return value.toUpperCase()
  }
  return undefined
}

function formatSystem(system: string, value: string, gender: string): string {
  const sys = system.toUpperCase() === 'EUR' ? 'EU' : system.toUpperCase()
  const v = value
    .replace(',', '.')
    .replace(/\s?½/, '.5')
    .replace(/\s?⅓/, ' 1/3')
    .replace(/\s?⅔/, ' 2/3')
    .replace(/(\d)([12]\/3)/, '$1 $2')
    .trim()
  const g = gender.trim().toLowerCase()
  if (sys === 'US' && (g.startsWith('w') || g === 'd')) return `US W ${v}`
  return `${sys} ${v}`
}

interface CompiledWord {
  readonly regex: RegExp
  readonly length: number
}

let compiledWords: readonly (readonly [PurchaseCategory, readonly CompiledWord[]])[] | undefined

function words(): NonNullable<typeof compiledWords> {
  compiledWords ??= ITEM_WORDS.map(([category, list]) => [
    category,
    list.map((w) => {
      const core = foldText(w.replace(/^\*|\*$/g, ''))
      const pre = w.startsWith('*') ? '[a-z0-9]*' : ''
      const post = w.endsWith('*') ? '[a-z0-9]*' : ''
      return { regex: new RegExp(`(?:^| )${pre}${core}${post}(?= |$)`), length: core.length }
    }),
  ])
  return compiledWords
}

/**
 * The purchases category of an item: the retailer's own category through a table when it has one,
 * else the first category whose words the title contains (footwear before apparel before sports),
 * else 'other'.
 */
export function purchaseCategory(item: string, retailCategory?: string): PurchaseCategory {
  if (retailCategory !== undefined) {
    const hit = RETAIL_CATEGORIES[foldText(retailCategory)]
    if (hit !== undefined) return hit
  }
  const folded = foldText(item)
  for (const [category, list] of words()) {
    if (list.some((w) => w.regex.test(folded))) return category
  }
  if (retailCategory !== undefined) {
    const fromRetail = foldText(retailCategory)
    for (const [category, list] of words()) {
      if (list.some((w) => w.regex.test(fromRetail))) return category
    }
  }
  return 'other'
}

/** The brand a title starts with, from a list of common brands, or undefined. */
export function brandOf(item: string): string | undefined {
  const title = item.trim()
  for (const brand of BRANDS) {
    if (title.length < brand.length) continue
    const head = title.slice(0, brand.length)
    const next = title.charAt(brand.length)
    if (head.toLowerCase() === brand.toLowerCase() && (next === '' || /[\s,:-]/.test(next)))
      return brand === 'AmazonBasics' ? 'Amazon Basics' : brand
  }
  return undefined
}

/** The purchase fields that a title yields: category, size (when printed), brand (when known). */
export function describeItem(
  item: string,
  retailCategory?: string,
): { category: PurchaseCategory; size?: string; brand?: string } {
  const category = purchaseCategory(item, retailCategory)
  const size = extractSize(item)
  const brand = brandOf(item)
  return {
    category,
    ...(size !== undefined ? { size } : {}),
    ...(brand !== undefined ? { brand } : {}),
  }
}
