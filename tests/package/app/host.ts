// A TypeScript host app, type-checked against the installed package with strict options and no
// DOM library: the public declarations must stand on their own.
import {
  createRuntime,
  createVault,
  isSealpostError,
  LIGHT_SCRYPT,
  memoryStorage,
  SealpostError,
  VERSION,
  type RunOutcome,
  type SealpostErrorCode,
} from 'sealpost'
import { auditReport, verifyLog } from 'sealpost/audit'
import { band, type Input } from 'sealpost/guest'
import { importFile, sourceFromBytes } from 'sealpost/importers'
import { buildBundle, generatePartnerKey, openEnvelope, publicKeyFile } from 'sealpost/partner'

export function analyze(input: Input): { n: number } {
  const purchases = input.collections['purchases']
  return { n: purchases === undefined ? 0 : purchases.count({ from: input.now - 86400e3 }) }
}
export const banded: typeof band = band

export async function host(bundle: Uint8Array): Promise<RunOutcome['output']> {
  const vault = await createVault(memoryStorage(), 'a long passphrase', { scrypt: LIGHT_SCRYPT })
  for await (const record of importFile(sourceFromBytes('a.gpx', new Uint8Array()))) {
    await vault.ingest(record.collection, [record.record])
  }
  const runtime = createRuntime({ vault })
  try {
    const { bundleId } = await runtime.install(bundle)
    return (await runtime.run(bundleId)).output
  } catch (e) {
    const code: SealpostErrorCode | undefined = isSealpostError(e) ? e.code : undefined
    if (e instanceof SealpostError && code === 'SEALPOST_NO_CONSENT') return null
    throw e
  } finally {
    await runtime.dispose()
    vault.close()
  }
}

const key = generatePartnerKey('acme')
export const pub: string = publicKeyFile(key.publicKey)
export const version: string = VERSION
export const audit = auditReport
export const verify = verifyLog
export const build = buildBundle
export const open = openEnvelope
