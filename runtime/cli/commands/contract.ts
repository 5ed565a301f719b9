/**
 * `sealpost contract VAULT BUNDLE_ID [--lang en|fr] [--json]`: the contract generated from an
 * installed bundle's manifest (who, why, what is read, what can leave and how many bits, how often,
 * retention, offer), and where the person's consent to it stands.
 *
 * `--json`: `{ "contract": Contract, "contractDigest", "consent": null | { "status",
 * "bundleVersion", "coversThisVersion", "updatedAt", "expiresAt" } }` (times in ms since epoch,
 * `expiresAt` null until withdrawn; an unbounded bit count is null).
 */

import { contractDigest, renderContract } from '../../consent/contract.ts'
import type { ConsentRecord } from '../../consent/record.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { isoDay, PASSPHRASE_FLAGS, withRuntime } from './_vault_common.ts'

/** `--lang`: the contract's language, English by default. */
export function langFlag(raw: string | undefined): 'en' | 'fr' {
  if (raw === undefined || raw === 'en' || raw === 'fr') return raw ?? 'en'
  throw new UsageError(`--lang must be en or fr, got '${raw}'`)
}

/** DPV consent states in French. */
const STATUS_FR: Readonly<Record<string, string>> = {
  given: 'donné',
  refused: 'refusé',
  withdrawn: 'retiré',
  expired: 'expiré',
  renewed: 'renouvelé',
}

/** The consent line under the contract, in the contract's language. */
function consentLine(
  record: ConsentRecord | undefined,
  covers: boolean,
  lang: 'en' | 'fr',
  hint: string,
): string {
  const fr = lang === 'fr'
  const give = fr ? `pour le donner : ${hint}` : `to give it: ${hint}`
  if (!record)
    return fr ? `Votre consentement : aucun ; ${give}` : `Your consent: none yet; ${give}`
  const on = isoDay(record.updatedAt)
  const status = fr ? (STATUS_FR[record.status] ?? record.status) : record.status
  if (!covers) {
    return fr
      ? `Votre consentement : ${status} le ${on} pour la version ${record.bundleVersion}, pas celle-ci ; ${give}`
      : `Your consent: ${status} on ${on} for version ${record.bundleVersion}, not this one; ${give}`
  }
  if (record.status !== 'given' && record.status !== 'renewed') {
    return fr
      ? `Votre consentement : ${status} le ${on} ; ${give}`
      : `Your consent: ${status} on ${on}; ${give}`
  }
  const until =
    record.expiresAt === undefined
      ? fr
        ? "jusqu'à ce que vous le retiriez"
        : 'until you withdraw it'
      : `${fr ? "jusqu'au" : 'until'} ${isoDay(record.expiresAt)}`
  return fr
    ? `Votre consentement : ${status} le ${on}, ${until}.`
    : `Your consent: ${status} on ${on}, ${until}.`
}

export const contractCommand: Command = {
  name: ['contract'],
  usage: 'contract VAULT BUNDLE_ID [--lang en|fr] [--json]',
  summary: 'the contract of an installed bundle, and your consent to it',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['lang', ...PASSPHRASE_FLAGS], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    const bundleId = positional(args, 1, 'BUNDLE_ID')
    if (args.positionals.length > 2) throw new UsageError('contract takes a vault and a bundle id')
    const lang = langFlag(flagValue(args, 'lang'))
    const { contract, record } = await withRuntime(path, args, io, async (rt) => {
      const record = await rt.consents.current(bundleId)
      const plain = await rt.contract(bundleId)
      const live =
        record?.bundleDigest === plain.bundle.digest &&
        (record.status === 'given' || record.status === 'renewed')
      // A live consent's expiry is part of what the person agreed to: show it in the contract.
      if (!live || record.expiresAt === undefined) return { contract: plain, record }
      return { contract: await rt.contract(bundleId, { expiresAt: record.expiresAt }), record }
    })
    const covers = record?.bundleDigest === contract.bundle.digest
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          contract,
          contractDigest: contractDigest(contract),
          consent: record
            ? {
                status: record.status,
                bundleVersion: record.bundleVersion,
                coversThisVersion: covers,
                updatedAt: record.updatedAt,
                expiresAt: record.expiresAt ?? null,
              }
            : null,
        }),
      )
      return 0
    }
    for (const line of renderContract(contract, lang).trimEnd().split('\n')) io.out(line)
    io.out('')
    const hint = `sealpost consent ${path} ${bundleId}`
    io.out(consentLine(record, covers, lang, hint))
    return 0
  },
}
