// StrideWear's shoe-size module: the EU size a person buys most among their recent footwear
// purchases. Sizes on receipts come in EU, US (men's, women's) and UK systems; all are converted
// to EU before voting. Reads only purchases.orderedAt, .category and .size of the last three years.

/** How many of the most recent footwear purchases vote. */
const RECENT = 6

/** The value of a fraction printed after a size ('42 2/3', '42⅔', '8½'). */
const FRACTIONS = { '1/3': 1 / 3, '⅓': 1 / 3, '2/3': 2 / 3, '⅔': 2 / 3, '1/2': 0.5, '½': 0.5 }

/**
 * EU size from a receipt's size text, as the importers normalise it ('EU 42', 'EU 42 2/3',
 * 'EU 42.5', 'US 9', 'US W 9.5', 'UK 8', '42') or as printed ('EU 42⅔', 'US 9.5 W',
 * "US Women's 8", 'UK 8½'), or undefined when it is not a shoe size ('M', 'W32 L34', '43-46').
 * EU sizes step by 2/3 cm (a Paris point), UK sizes by 1/3 inch: EU = (4 × UK + 94) / 3, rounded
 * (UK 8 → 42, UK 8.5 → 42⅔ → 43, UK 9 → 43⅓ → 43); a fractional EU size rounds the same way
 * (EU 42 2/3 → 43, EU 42 1/3 → 42). US men's = UK + 1, US women's = UK + 2.
 */
export function toEuSize(text) {
  const gender = "(M|W|MEN'?S?|WOMEN'?S?)"
  const m = new RegExp(
    `^\\s*(EUR?|US|UK)?\\s*${gender}?\\s*(\\d{1,2}(?:[.,]\\d)?)\\s*(1/3|2/3|1/2|⅓|⅔|½)?\\s*${gender}?\\s*$`,
    'i',
  ).exec(String(text))
  if (!m) return undefined
  const system = (m[1] || 'EU').toUpperCase().slice(0, 2)
  const gendered = m[2] || m[5] || 'M'
  const female = gendered.toUpperCase().startsWith('W')
  const n = Number(m[3].replace(',', '.')) + (m[4] ? FRACTIONS[m[4]] : 0)
  let eu
  if (system === 'EU') eu = n
  else {
    const uk = system === 'UK' ? n : n - (female ? 2 : 1)
    eu = (4 * uk + 94) / 3
  }
  // Half a Paris point past an integer rounds up: compare with a small tolerance for thirds.
  eu = Math.round(eu + 1e-9)
  return eu >= 30 && eu <= 50 ? eu : undefined
}

export function analyze(input) {
  const p = input.collections.purchases
  const category = p.codes('category')
  const footwear = p.dict('category').indexOf('footwear')
  if (footwear < 0) return { euSize: null }
  const sizeCodes = p.codes('size')
  const sizeNames = p.dict('size')
  // EU size per dictionary entry, computed once.
  const euOf = sizeNames.map(toEuSize)
  // Rows are in time order: walk back from the most recent.
  const votes = new Map()
  const lastSeen = new Map()
  let counted = 0
  for (let i = p.length - 1; i >= 0 && counted < RECENT; i--) {
    if (category[i] !== footwear || sizeCodes[i] < 0) continue
    const eu = euOf[sizeCodes[i]]
    if (eu === undefined) continue
    votes.set(eu, (votes.get(eu) || 0) + 1)
    if (!lastSeen.has(eu)) lastSeen.set(eu, counted)
    counted++
  }
  let best = null
  for (const [eu, n] of votes) {
    // Most votes wins; a tie goes to the size bought most recently.
    if (
      best === null ||
      n > votes.get(best) ||
      (n === votes.get(best) && lastSeen.get(eu) < lastSeen.get(best))
    ) {
      best = eu
    }
  }
  return { euSize: best }
}
