/**
 * Unlock time of the browser app in Chromium, against Node's native scrypt on the same machine in
 * the same run (the yardstick: the ratio, since absolute times on a shared machine move).
 *
 * For each browser KDF (`wasm`, the app's; `noble`, pure JavaScript, the one before it) the app is
 * built in production mode (strong scrypt, N = 2^17, r = 8, p = 1), a vault is created, and it is
 * locked and unlocked ROUNDS times; the page measures from the Unlock click to the vault open
 * (`performance.measure('sealpost:unlock')`, web/src/ui/unlock.ts): key derivation, unwrapping the
 * key, checking the offers and reading the summary. Node's native scrypt with the same parameters
 * runs ROUNDS times between them. Needs /usr/bin/chromium.
 *
 * ```sh
 * node bin/run-ts.js bench/web-unlock.ts [ROUNDS]
 * ```
 */

import { scryptSync } from 'node:crypto'
import { DEFAULT_SCRYPT_PARAMS } from '../runtime/crypto/kdf.ts'
import { wasmScrypt } from '../web/src/runtime/scrypt/wasm_scrypt.ts'
import { hasChromium, openHostApp } from '../tests/web/_browser.ts'

const ROUNDS = Number(process.argv[2] ?? 5)
const PASSPHRASE = 'correct horse battery staple'
const { N, r, p } = DEFAULT_SCRYPT_PARAMS

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

function nodeNative(): number {
  const t = performance.now()
  scryptSync(PASSPHRASE, 'a sixteen byte s', 32, { N, r, p, maxmem: 256 * 1024 * 1024 })
  return performance.now() - t
}

async function nodeWasm(): Promise<number> {
  const t = performance.now()
  await wasmScrypt(PASSPHRASE, 'a sixteen byte s', { N, r, p, dkLen: 32 })
  return performance.now() - t
}

type Session = Awaited<ReturnType<typeof openHostApp>>

/** Builds the app with `kdf`, serves it in Chromium, and creates a strong vault in it. */
async function openWith(kdf: 'wasm' | 'noble'): Promise<Session> {
  if (kdf === 'noble') process.env['SEALPOST_WEB_KDF'] = 'noble'
  else delete process.env['SEALPOST_WEB_KDF']
  try {
    const s = await openHostApp({ mode: 'production' })
    const page = s.page
    await page.goto(s.url)
    await page.fill('#passphrase', PASSPHRASE)
    await page.fill('#passphrase-again', PASSPHRASE)
    await page.click('main button[type=submit]')
    await page.waitForSelector('main[data-view=data][aria-busy=false]', { timeout: 120_000 })
    return s
  } finally {
    delete process.env['SEALPOST_WEB_KDF']
  }
}

/** Locks, then unlocks; the page's own measure of the unlock, ms. */
async function unlockOnce(s: Session): Promise<number> {
  const page = s.page
  await page.click('#lock')
  await page.waitForSelector('#passphrase')
  await page.fill('#passphrase', PASSPHRASE)
  await page.click('main button[type=submit]')
  await page.waitForSelector('main[data-view=data][aria-busy=false]', { timeout: 120_000 })
  return page.evaluate(() => {
    const all = performance.getEntriesByName('sealpost:unlock')
    return all[all.length - 1]!.duration
  })
}

if (!hasChromium) {
  console.error('bench/web-unlock.ts needs /usr/bin/chromium')
  process.exit(1)
}
const wasmApp = await openWith('wasm')
const nobleApp = await openWith('noble')
const rows: Record<string, number[]> = { native: [], wasmNode: [], wasm: [], noble: [] }
const ratios: Record<string, number[]> = { wasmNode: [], wasm: [], noble: [] }
try {
  // Interleaved, each variant right after its own native reference: the machine's load moves
  // between rounds, so each round's ratio is what counts.
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, run] of [
      ['wasmNode', nodeWasm],
      ['wasm', () => unlockOnce(wasmApp)],
      ['noble', () => unlockOnce(nobleApp)],
    ] as const) {
      const ref = nodeNative()
      const t = await run()
      rows['native']!.push(ref)
      rows[name]!.push(t)
      ratios[name]!.push(t / ref)
    }
  }
} finally {
  await wasmApp.close()
  await nobleApp.close()
}
console.log(
  `scrypt N=2^${Math.log2(N)}, r=${r}, p=${p}; ${ROUNDS} rounds; median ms (min–max); median of each round's ratio to native`,
)
const row = (label: string, name: string): void => {
  const xs = rows[name]!
  const ratio = ratios[name] ? `${median(ratios[name]!).toFixed(2)}×` : '1'
  console.log(
    `  ${label.padEnd(50)} ${median(xs).toFixed(0).padStart(6)} ms  (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})  ${ratio}`,
  )
}
row('node:crypto scrypt (native, the reference)', 'native')
row('node, scrypt with ROMix in wasm', 'wasmNode')
row('Chromium unlock, wasm scrypt (the app)', 'wasm')
row('Chromium unlock, noble JavaScript scrypt (before)', 'noble')
