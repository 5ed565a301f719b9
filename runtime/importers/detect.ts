/**
 * Format detection: every importer sniffs the first bytes and the file name; the most certain wins.
 */
import { UnknownFormatError } from './errors.ts'
import type { Importer } from './types.ts'
// Importers, one file per format (engineer A: bank CSV, OFX, GPX, TCX, FIT, ICS; engineer B: the rest).
import { bankCsvImporter } from './bank_csv.ts'
import { ofxImporter } from './ofx.ts'
import { gpxImporter } from './gpx.ts'
import { tcxImporter } from './tcx.ts'
import { fitImporter } from './fit.ts'
import { icsImporter } from './ics.ts'
import { takeoutLocationImporter } from './takeout_location.ts'
import { fhirImporter } from './fhir.ts'
import { whatsappImporter } from './whatsapp.ts'
import { instagramImporter } from './instagram.ts'
import { telegramImporter } from './telegram.ts'
import { mboxImporter } from './mbox.ts'
import { xArchiveImporter } from './x_archive.ts'
import { browserHistoryImporter, myActivityImporter } from './browser_history.ts'
import { purchasesCsvImporter } from './purchases_csv.ts'
import { emlImporter } from './order_email.ts'
import { appleHealthImporter } from './apple_health.ts'
import { stravaCsvImporter } from './strava_csv.ts'
import { camtImporter } from './camt.ts'
import { chromeTakeoutImporter } from './chrome_takeout.ts'
import { linkedinProfileImporter, metaProfileImporter } from './profile_exports.ts'
import { metaSocialImporter } from './meta_social.ts'
import { linkedinImporter } from './linkedin.ts'
import { mt940Importer } from './mt940.ts'

/** How many leading bytes importers get to sniff. */
export const SNIFF_BYTES = 64 * 1024

/** Every known importer, in tie-break order. Add a format by appending one line. */
// prettier-ignore
export const importers: readonly Importer[] = [
  ofxImporter,
  bankCsvImporter,
  gpxImporter,
  tcxImporter,
  fitImporter,
  icsImporter,
  takeoutLocationImporter,
  fhirImporter,
  whatsappImporter,
  instagramImporter,
  mboxImporter,
  xArchiveImporter,
  browserHistoryImporter,
  myActivityImporter,
  purchasesCsvImporter,
  emlImporter,
  appleHealthImporter,
  stravaCsvImporter,
  linkedinProfileImporter,
  metaProfileImporter,
  camtImporter,
  chromeTakeoutImporter,
  telegramImporter,
  metaSocialImporter,
  linkedinImporter,
  mt940Importer,
]

/** The importer whose `sniff` scores highest for this head and name (ties: earlier in `candidates`). */
export function detectFormat(
  head: Uint8Array,
  name: string,
  candidates: readonly Importer[] = importers,
): Importer {
  if (!(head instanceof Uint8Array)) throw new TypeError('head must be a Uint8Array')
  const sample = head.subarray(0, SNIFF_BYTES)
  let best: Importer | undefined
  let bestScore = 0
  for (const importer of candidates) {
    const score = importer.sniff(sample, name)
    if (score > bestScore) {
      best = importer
      bestScore = score
    }
  }
  if (best === undefined) throw new UnknownFormatError(name)
  return best
}
