/**
 * XChaCha20-Poly1305 seal throughput on 64 KiB and 1 MiB messages, after checking all variants agree:
 *
 * - node-raw-chacha20-poly1305 (reference): node:crypto's IETF ChaCha20-Poly1305 with a 12-byte
 *   nonce and no HChaCha20, the ceiling for anything built on it
 * - xchacha-node-native: sealpost's Node fast path (noble HChaCha20 subkey + native AEAD)
 * - xchacha-noble: the portable @noble/ciphers implementation
 *
 * Target: xchacha-node-native within 1.25× the reference's time (≥ 0.8× its throughput). The three
 * are timed interleaved, round by round; figures are min–median–max over the rounds.
 *
 * `hpke-envelope/1KiB`: sealing and opening one envelope-sized message (a 1 KiB padded payload)
 * with `@hpke/core`, against one X25519 key agreement on noble (reference: the part of a seal or an
 * open no HPKE implementation can skip). `hpke-seal`/`hpke-open` are sealpost's suite (HKDF on
 * @noble/hashes, synchronous); `*-stock-hkdf` the library's stock suite (HKDF through WebCrypto),
 * checked to give the same bytes for the same ephemeral key first.
 */

import { createCipheriv } from 'node:crypto'
import { nobleXChaCha, nodeNativeXChaCha } from '../runtime/crypto/xchacha.ts'
import { hchachaSubkey } from '../runtime/crypto/_hchacha.ts'
import { x25519 } from '@noble/curves/ed25519.js'
import { CipherSuite, HkdfSha256 } from '@hpke/core'
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305'
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519'
import {
  generateHpkeKeyPair,
  openBase,
  sealBase,
  setupBaseSenderWithEphemeral,
} from '../runtime/crypto/hpke.ts'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import { interleave, variantsFrom } from './_timing.ts'

const SIZES = [
  { label: '64KiB', bytes: 64 * 1024 },
  { label: '1MiB', bytes: 1024 * 1024 },
] as const

/** Deterministic filler bytes, so every run seals the same input. */
function pattern(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let s = seed >>> 0
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    out[i] = s >>> 24
  }
  return out
}

/** Raw IETF ChaCha20-Poly1305 on node:crypto, written the idiomatic way: ciphertext || tag. */
function rawSeal(
  key: Uint8Array,
  nonce12: Uint8Array,
  pt: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const c = createCipheriv('chacha20-poly1305', key, nonce12, { authTagLength: 16 })
  c.setAAD(aad, { plaintextLength: pt.length })
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()])
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0
}

export const run: BenchFile = async ({ quick }) => {
  const native = nodeNativeXChaCha()
  if (!native) throw new Error('aead bench needs node:crypto with chacha20-poly1305')
  const key = pattern(32, 1)
  const nonce24 = pattern(24, 2)
  const aad = pattern(40, 3) // about the size of the vault's column binding
  // The reference runs on exactly the subkey and nonce XChaCha derives, so its output must equal ours.
  const subkey = hchachaSubkey(key, nonce24.subarray(0, 16))
  const nonce12 = new Uint8Array(12)
  nonce12.set(nonce24.subarray(16), 4)

  const reports: BenchSuiteReport[] = []
  for (const { label, bytes } of SIZES) {
    const pt = pattern(bytes, bytes)
    const reference = rawSeal(subkey, nonce12, pt, aad)
    const viaNative = native.seal(key, nonce24, pt, aad)
    const viaNoble = nobleXChaCha.seal(key, nonce24, pt, aad)
    if (!same(viaNative, viaNoble) || !same(viaNative, reference)) {
      throw new Error(`aead bench: variants disagree at ${label}`)
    }
    if (!same(native.open(key, nonce24, viaNoble, aad), pt))
      throw new Error('aead bench: open failed')

    let sink = 0 // keeps results observable so nothing is optimised away
    // Interleaved round by round: timed alone and first, the reference used to look slower than
    // the subject built on it (the machine's load moved between the two measurements).
    const measured = await interleave(
      {
        'node-raw-chacha20-poly1305': () => void (sink ^= rawSeal(subkey, nonce12, pt, aad)[0]!),
        'xchacha-node-native': () => void (sink ^= native.seal(key, nonce24, pt, aad)[0]!),
        'xchacha-noble': () => void (sink ^= nobleXChaCha.seal(key, nonce24, pt, aad)[0]!),
      },
      { quick },
    )
    if (sink === -1) console.log(sink)
    const variants = variantsFrom(measured, 'node-raw-chacha20-poly1305')
    reports.push({ suite: `aead-seal/${label}`, reference: 'node-raw-chacha20-poly1305', variants })
  }
  subkey.fill(0)
  reports.push(await hpkeEnvelope(quick))
  return reports
}

/** HPKE seal and open of an envelope-sized message, interleaved with one X25519 agreement. */
async function hpkeEnvelope(quick: boolean): Promise<BenchSuiteReport> {
  const recipient = generateHpkeKeyPair()
  const info = pattern(31, 4) // "sealpost envelope v1\0" + a partner id
  const aad = pattern(60, 5) // version, id and recipient
  const pt = pattern(1024, 6)
  const sealed = await sealBase(recipient.publicKey, info, aad, pt)
  if (!same(await openBase(recipient.secretKey, sealed.enc, info, aad, sealed.ciphertext), pt))
    throw new Error('hpke bench: open failed')
  // The library's stock suite: the same algorithms, its HKDF on WebCrypto.
  const stock = new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Chacha20Poly1305(),
  })
  const stockSeal = async (): Promise<{ enc: Uint8Array; ciphertext: Uint8Array }> => {
    const context = await stock.createSenderContext({
      recipientPublicKey: await stock.kem.deserializePublicKey(recipient.publicKey),
      info,
    })
    return {
      enc: new Uint8Array(context.enc),
      ciphertext: new Uint8Array(await context.seal(pt, aad)),
    }
  }
  const stockOpen = async (enc: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> => {
    const context = await stock.createRecipientContext({
      recipientKey: await stock.kem.deserializePrivateKey(recipient.secretKey),
      enc,
      info,
    })
    return new Uint8Array(await context.open(ciphertext, aad))
  }
  const ekm = pattern(32, 7)
  const ours = await setupBaseSenderWithEphemeral(ekm, recipient.publicKey, info)
  const theirs = await stock.createSenderContext({
    recipientPublicKey: await stock.kem.deserializePublicKey(recipient.publicKey),
    info,
    ekm,
  })
  if (
    !same(ours.enc, new Uint8Array(theirs.enc)) ||
    !same(await ours.context.seal(aad, pt), new Uint8Array(await theirs.seal(pt, aad))) ||
    !same(await stockOpen(sealed.enc, sealed.ciphertext), pt)
  )
    throw new Error('hpke bench: sealpost and the stock suite disagree')
  ours.context.dispose()
  let sink = 0
  const measured = await interleave(
    {
      'x25519-ecdh-noble': () =>
        void (sink ^= x25519.getSharedSecret(
          x25519.utils.randomSecretKey(),
          recipient.publicKey,
        )[0]!),
      'hpke-seal': async () =>
        void (sink ^= (await sealBase(recipient.publicKey, info, aad, pt)).ciphertext[0]!),
      'hpke-open': async () =>
        void (sink ^= (
          await openBase(recipient.secretKey, sealed.enc, info, aad, sealed.ciphertext)
        )[0]!),
      'hpke-seal-stock-hkdf': async () => void (sink ^= (await stockSeal()).ciphertext[0]!),
      'hpke-open-stock-hkdf': async () =>
        void (sink ^= (await stockOpen(sealed.enc, sealed.ciphertext))[0]!),
    },
    { quick },
  )
  if (sink === -1) console.log(sink)
  recipient.secretKey.fill(0)
  const variants = variantsFrom(measured, 'x25519-ecdh-noble')
  return { suite: 'hpke-envelope/1KiB', reference: 'x25519-ecdh-noble', variants }
}

// Standalone: `node bin/run-ts.js bench/aead.bench.ts [--quick]` prints MB/s next to the ratios.
if (process.argv[1]?.endsWith('aead.bench.ts')) {
  const reports = await run({ quick: process.argv.includes('--quick') })
  for (const r of reports) {
    const bytes = r.suite.endsWith('1MiB')
      ? 1024 * 1024
      : r.suite.endsWith('1KiB')
        ? 1024
        : 64 * 1024
    console.log(`\n${r.suite}  (ratios against ${r.reference})`)
    for (const v of r.variants) {
      const mbs = bytes / 1e6 / (v.ms / 1000)
      console.log(
        `  ${v.name.padEnd(28)} ${v.ms.toFixed(3).padStart(9)} ms ±${v.rme.toFixed(1).padStart(4)}%  ${mbs.toFixed(0).padStart(6)} MB/s  ${v.ratio.toFixed(3)}×`,
      )
    }
  }
}
