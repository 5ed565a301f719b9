/**
 * Unlock time of the browser app in Chromium, against Node's native scrypt on the same machine in
 * the same run (the yardstick: the ratio, since absolute times on a shared machine move).
 *
 * The app is built twice in production mode (strong scrypt, N = 2^17, r = 8, p = 1): with the
 * app's KDF (`wasm`) and with noble's pure-JavaScript scrypt (`noble`, the one before it), each
 * served to its own Chromium with a vault created in it. Then, ROUNDS times, each variant runs
 * right after its own run of Node's native scrypt (same parameters): the wasm scrypt in Node, an
 * unlock in each browser. The page measures from the Unlock click to the vault open
 * (`performance.measure('sealpost:unlock')`, web/src/ui/unlock.ts): key derivation, unwrapping
 * the key, checking the offers and reading the summary. The figure that counts is the median of
 * each round's ratio to its native run (the load on a shared machine moves between rounds).
 * Needs /usr/bin/chromium.
 *
 * ```sh
 * node bin/run-ts.js bench/web-unlock.ts [ROUNDS]
 * ```
 */

import { scryptSync } from 'node:crypto'
import { scrypt as nobleScryptSync } from '@noble/hashes/scrypt.js'
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

const SALT = 'a sixteen byte s'

function nodeNative(): number {
  const t = performance.now()
  scryptSync(PASSPHRASE, SALT, 32, { N, r, p, maxmem: 256 * 1024 * 1024 })
  return performance.now() - t
}

/** CPU time (user + system, ms) of `work` on this thread: what the load of other processes cannot inflate. */
async function cpuMs(work: () => unknown): Promise<number> {
  const before = process.cpuUsage()
  await work()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

const CPU_VARIANTS = {
  'node:crypto scrypt (native)': () =>
    scryptSync(PASSPHRASE, SALT, 32, { N, r, p, maxmem: 256 * 1024 * 1024 }),
  'ROMix in wasm (the app)': () => wasmScrypt(PASSPHRASE, SALT, { N, r, p, dkLen: 32 }),
  'noble JavaScript (before)': () =>
    nobleScryptSync(PASSPHRASE, SALT, { N, r, p, dkLen: 32, maxmem: 256 * 1024 * 1024 }),
} as const

async function nodeWasm(): Promise<number> {
  const t = performance.now()
  await wasmScrypt(PASSPHRASE, SALT, { N, r, p, dkLen: 32 })
  return performance.now() - t
}

type Session = Awaited<ReturnType<typeof openHostApp>>

/** Builds the app with `kdf`, serves it in Chromium, and creates a strong vault in it. */
async function openWith(kdf: 'wasm' | 'noble' | 'light'): Promise<Session> {
  if (kdf === 'noble') process.env['SEALPOST_WEB_KDF'] = 'noble'
  else delete process.env['SEALPOST_WEB_KDF']
  try {
    // `light`: the e2e build's N = 2^10 vault, so the unlock is nearly all the non-KDF work.
    const s = await openHostApp({ mode: kdf === 'light' ? 'e2e' : 'production' })
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
// CPU time on this thread, interleaved: the implementations' own cost, whatever the load.
const cpu: Record<string, number[]> = {}
for (let i = 0; i < ROUNDS; i++) {
  for (const [name, work] of Object.entries(CPU_VARIANTS))
    (cpu[name] ??= []).push(await cpuMs(work))
}
const wasmApp = await openWith('wasm')
const nobleApp = await openWith('noble')
const lightApp = await openWith('light')
const rows: Record<string, number[]> = { native: [], wasmNode: [], wasm: [], noble: [], light: [] }
const ratios: Record<string, number[]> = { wasmNode: [], wasm: [], noble: [], light: [] }
try {
  // Interleaved, each variant right after its own native reference: the machine's load moves
  // between rounds, so each round's ratio is what counts.
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, run] of [
      ['wasmNode', nodeWasm],
      ['wasm', () => unlockOnce(wasmApp)],
      ['noble', () => unlockOnce(nobleApp)],
      ['light', () => unlockOnce(lightApp)],
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
  await lightApp.close()
}
const cpuRef = median(cpu['node:crypto scrypt (native)']!)
console.log(`Node, CPU time of one derivation (median of ${ROUNDS}, ratio to native):`)
for (const [name, xs] of Object.entries(cpu)) {
  console.log(
    `  ${name.padEnd(50)} ${median(xs).toFixed(0).padStart(6)} ms  ${(median(xs) / cpuRef).toFixed(2)}×`,
  )
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
row('Chromium unlock, light N=2^10 vault (all but the KDF)', 'light')
