/** The `flights` collection: both legs of every planned trip, with real airports and coordinates. */

import { RecordEmitter, type Draft, type PersonaContext, type PersonaRecord } from './_context.ts'
import type { FlightLeg, Trip } from './_trips.ts'

function draft(trip: Trip, leg: FlightLeg): Draft {
  return {
    at: leg.departsAt,
    fields: {
      arrivesAt: leg.arrivesAt,
      flightNumber: leg.flightNumber,
      carrier: leg.carrier,
      origin: leg.origin.iata,
      destination: leg.destination.iata,
      originLat: leg.origin.lat,
      originLon: leg.origin.lon,
      destLat: leg.destination.lat,
      destLon: leg.destination.lon,
      status: leg.delayMin >= 15 ? 'delayed' : 'landed',
      delayMin: leg.delayMin,
      cabin: leg.cabin,
      seat: leg.seat,
      bookingRef: trip.bookingRef,
      distanceKm: leg.distanceKm,
      source: 'persona',
    },
  }
}

/** Yields the flights in departure order. */
export function* generateFlights(ctx: PersonaContext): Generator<PersonaRecord> {
  const emitter = new RecordEmitter(ctx, 'flights', 'departsAt')
  for (const trip of ctx.trips) {
    yield* emitter.flush([draft(trip, trip.outbound), draft(trip, trip.inbound)])
  }
}
