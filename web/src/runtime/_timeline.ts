/** "What left about me": delivered answers and deletion requests, and every consent decision. */

import type { SealpostRuntime } from '../../../runtime/host/index.ts'
import type { TimelineItem } from './host_api.ts'

/** The person's timeline, newest first. */
export async function timelineOf(rt: SealpostRuntime): Promise<TimelineItem[]> {
  const items: TimelineItem[] = []
  for (const left of await rt.whatLeft()) {
    const deletion = left.kind === 'deletion-request'
    items.push({
      time: left.time,
      kind: deletion ? 'deletion' : 'left',
      bundleId: left.bundleId,
      partner: left.partner,
      detail: deletion ? 'deletion request delivered' : `sealed to ${left.partner}`,
      ...(deletion ? {} : { output: left.output }),
      ...(left.bits === undefined ? {} : { bits: left.bits }),
    })
  }
  const refusals = new Set<string>()
  for (const e of await rt.entries()) {
    const d = e.details
    const bundleId = typeof d['bundleId'] === 'string' ? d['bundleId'] : ''
    const partner = typeof d['partner'] === 'string' ? d['partner'] : undefined
    if (e.kind === 'consent' || e.kind === 'revoke') {
      items.push({
        time: e.time,
        kind: e.kind,
        bundleId,
        partner,
        detail: String(d['status'] ?? e.kind),
      })
    } else if (e.kind === 'refusal') {
      // The policy and the runtime may both log one refused run: show it once.
      const key = `${e.time} ${bundleId} ${String(d['code'])}`
      if (refusals.has(key)) continue
      refusals.add(key)
      items.push({
        time: e.time,
        kind: 'refusal',
        bundleId,
        partner,
        detail: String(d['code'] ?? ''),
      })
    }
  }
  return items.sort((a, b) => b.time - a.time)
}
