/**
 * kill -9 reliability: `relay serve` SIGKILLed 30 times per database under a small load of
 * envelope posts and inbox pulls/acks, restarted each time. Whatever the kill moments, every
 * envelope the relay acknowledged is stored, no acknowledged ack is lost, and every pseudonym's
 * meter equals its delivered envelopes (nothing metered twice). See tests/relay/_crash.ts;
 * `bench/relay-crash.ts` runs it larger.
 */

import { describe, expect, it } from 'vitest'
import { BACKENDS, backendAvailable } from './_relay.ts'
import { crashRun } from './_crash.ts'

describe.each(BACKENDS)('kill -9 of relay serve on %s', (backend) => {
  it.skipIf(!backendAvailable(backend))(
    'loses no acknowledged envelope or ack and meters each delivery once, over 30 kills',
    async () => {
      const f = await crashRun({ backend, kills: 30, perRound: 4, devices: 2, seed: 30 })
      expect(f.kills).toBe(30)
      expect(f.envelopes).toBe(30 * 4)
      // the quiet last lifetime posts what the kills interrupted: all of them are acknowledged
      expect(f.envelopesAcknowledged).toBe(f.envelopes)
      expect(f.lostEnvelopes).toEqual([])
      expect(f.lostAcks).toEqual([])
      expect(f.meterMismatches).toEqual([])
      expect(f.metered).toBe(f.delivered)
      expect(f.acksAcknowledged).toBeGreaterThan(0)
      expect(f.delivered).toBeGreaterThanOrEqual(f.acksAcknowledged)
    },
    900_000,
  )
})
