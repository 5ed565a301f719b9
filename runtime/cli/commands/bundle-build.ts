/** `sealpost bundle build DIR --key ID.key --out FILE`: compile, check and sign a module folder. */

import { writeFile } from 'node:fs/promises'
import { readCappedFile } from '../../bundle/file.ts'
import { DEFAULT_BUNDLE_LIMITS } from '../../bundle/format.ts'
import { SealpostError } from '../../../sandbox/errors.ts'
import { resolve } from 'node:path'
import { buildBundle } from '../../bundle/build.ts'
import { compileModuleCode } from '../../bundle/compile.ts'
import { KeyFileError, ModuleCompileError } from '../../bundle/errors.ts'
import { parsePartnerKey } from '../../bundle/keys.ts'
import { bundleDigest, bundleSignedMessage } from '../../bundle/signing.ts'
import { readBundle } from '../../bundle/format.ts'
import { ManifestInvalidError } from '../../manifest/errors.ts'
import { assertPrivateBounded } from '../../manifest/bits.ts'
import { parseManifest } from '../../manifest/validate.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'

/** A partner key file is a few hundred bytes of JSON. */
const MAX_KEY_FILE_BYTES = 64 * 1024

async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = new TextDecoder().decode(
      await readCappedFile(path, DEFAULT_BUNDLE_LIMITS.maxManifestBytes),
    )
  } catch (e) {
    if (e instanceof SealpostError) throw e
    throw new ModuleCompileError(`cannot read ${what} at ${path}`, { cause: e })
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new ManifestInvalidError('', `${path} is not valid JSON`, { cause: e })
  }
}

export const bundleBuildCommand: Command = {
  name: ['bundle', 'build'],
  usage: 'bundle build DIR --key ID.key --out FILE [--expires DATE] [--json]',
  summary: 'compile, check and sign a module folder',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['key', 'out', 'expires'], boolean: ['json'] })
    const dir = resolve(positional(args, 0, 'module folder DIR'))
    if (args.positionals.length > 1) throw new UsageError('bundle build takes one module folder')
    const keyPath = flagValue(args, 'key')
    const out = flagValue(args, 'out')
    if (!keyPath) throw new UsageError('missing --key ID.key')
    if (!out) throw new UsageError('missing --out FILE')
    const expires = flagValue(args, 'expires')
    const expiresAt = expires === undefined ? undefined : Date.parse(expires)
    if (expiresAt !== undefined && !(expiresAt > 0)) {
      throw new UsageError(`--expires must be a date such as 2027-01-01, got '${expires}'`)
    }
    // Check the manifest (and its bound) before spending time compiling.
    const raw = await readJsonFile(resolve(dir, 'manifest.json'), 'manifest.json')
    const manifest = parseManifest(raw)
    const bound = assertPrivateBounded(manifest)
    const { code } = await compileModuleCode(dir, manifest)
    const assets: Record<string, Uint8Array> = {}
    for (const name of manifest.assets ?? []) {
      try {
        assets[name] = await readCappedFile(
          resolve(dir, name),
          DEFAULT_BUNDLE_LIMITS.maxPayloadBytes,
        )
      } catch (e) {
        if (e instanceof SealpostError) throw e
        throw new ModuleCompileError(`cannot read asset ${name} in ${dir}`, { cause: e })
      }
    }
    let keyBytes: Uint8Array
    try {
      keyBytes = await readCappedFile(keyPath, MAX_KEY_FILE_BYTES)
    } catch (e) {
      if (e instanceof SealpostError) throw e
      throw new KeyFileError(
        `cannot read ${keyPath} (make a key pair with: sealpost keygen --partner ID --out DIR)`,
        { cause: e },
      )
    }
    using key = parsePartnerKey(new TextDecoder().decode(keyBytes), keyPath)
    const bytes = buildBundle(
      { manifest: raw, code, assets },
      key,
      expiresAt === undefined ? {} : { expiresAt },
    )
    await writeFile(out, bytes)
    const parsed = readBundle(bytes)
    const digest = bundleDigest(
      bundleSignedMessage({ ...parsed, expiresAt: parsed.signature.expiresAt }),
    )
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          id: manifest.id,
          version: manifest.version,
          engine: manifest.engine,
          bytes: bytes.length,
          out,
          partnerId: key.partnerId,
          keyId: key.keyId,
          digest,
          bits: bound.bits === Infinity ? null : bound.bits,
        }),
      )
      return 0
    }
    io.out(
      `built ${manifest.id} ${manifest.version} (${manifest.engine}, ${bytes.length} bytes) → ${out}`,
    )
    io.out(`  signed by ${key.partnerId}, key ${key.keyId}`)
    io.out(`  digest ${digest}`)
    io.out(
      `  output bound ${bound.bits === Infinity ? 'unbounded' : `${bound.bits.toFixed(2)} bits`} per run`,
    )
    return 0
  },
}
