// Skyway's flight-delay care: runs when a flight's status lands in the vault (the airline pushes
// it). For the newest of the new flights it tells whether the person was at the departure airport
// before the flight (their latest location fix in the 3 hours before the scheduled departure lies
// within 2 km of the airfield), how late the flight arrived, in bands, and the EU261 compensation
// it is owed, in the regulation's amounts, so that lounge access and a claim can be offered.
// Reads flights.departsAt, .origin, .destination, .carrier, .status and .delayMin and
// locations.at, .lat and .lon of the last two days: never seat, booking, cabin or where else the person went.
//
// EU261 as implemented (Regulation (EC) No 261/2004, with Sturgeon C-402/07 for delays):
// - covered: departing an EU/EEA/Swiss airport, or arriving at one on a carrier licensed there
//   (Art. 3(1)); UK flights fall under UK261, which this module does not cover;
// - band by great-circle distance between the airports: ≤ 1,500 km €250; intra-EU over 1,500 km and
//   other flights of 1,500–3,500 km €400; other flights over 3,500 km €600 (Art. 7(1));
// - a delay is owed from 3 h late at arrival (Sturgeon); a cancellation always (the record does
//   not say whether the person was told 14 days ahead, Art. 5(1)(c): assumed not);
// - halved when the arrival (of the re-routing, for a cancellation: the record's delayMin) is less
//   than 2 / 3 / 4 h late for the three bands (Art. 7(2)); for a delay only the 3–4 h delay of a
//   long-haul flight is halved (Sturgeon §63);
// - not known from the record, so not applied: extraordinary circumstances (Art. 5(3)), denied
//   boarding, and whether the person flew at all (the airline's side of the claim).

import { haversineMeters, HOUR_MS } from 'sealpost/guest'

/** A fix this close to the airfield's reference point counts as being at the airport. */
const AT_AIRPORT_M = 2_000
/** How long before the scheduled departure a fix says the person is at the airport. */
const BEFORE_DEPARTURE_MS = 3 * HOUR_MS

/** Great-circle distance in km between two airports of the table (haversine). */
export function distanceKm(a, b) {
  return haversineMeters(a, b) / 1000
}

/** The arrival delay band: 'on-time' (< 15 min, or early), …, '4h+', 'cancelled' or 'unknown'. */
export function delayBand(delayMin, cancelled) {
  if (cancelled) return 'cancelled'
  if (delayMin !== delayMin) return 'unknown'
  if (delayMin < 15) return 'on-time'
  if (delayMin < 60) return '15-59m'
  if (delayMin < 120) return '1-2h'
  if (delayMin < 180) return '2-3h'
  if (delayMin < 240) return '3-4h'
  return '4h+'
}

/**
 * EU261 compensation in euros for a covered flight of `km` (intra-EU or not) that arrived
 * `delayMin` late, or was cancelled (then `delayMin` is the re-routing's arrival delay, NaN when
 * unknown): 0, 125, 200, 250, 300, 400 or 600.
 */
export function compensationEur(km, intraEu, delayMin, cancelled) {
  const band = km <= 1500 ? 0 : km <= 3500 || intraEu ? 1 : 2
  const full = [250, 400, 600][band]
  const halvedBelowMin = [120, 180, 240][band]
  const known = delayMin === delayMin
  if (cancelled) return known && delayMin < halvedBelowMin ? full / 2 : full
  if (!known || delayMin < 180) return 0
  return delayMin < halvedBelowMin ? full / 2 : full
}

/** Whether EU261 covers a flight between two airports of the table on `carrier` (Art. 3(1)). */
export function covered(from, to, carrier, euCarriers) {
  return from.eu261 || (to.eu261 && euCarriers.includes(carrier))
}

export function analyze(input) {
  const flights = input.collections.flights
  const trigger = input.trigger
  const newest =
    trigger && trigger.collection === 'flights' && trigger.firstRow >= flights.length
      ? -1
      : flights.length - 1
  if (newest < 0) return { atAirport: false, delayBand: 'unknown', compensationEur: 0 }

  const { airports, euCarriers } = input.params['airports.json']
  const departsAt = flights.get('departsAt', newest)
  const status = flights.get('status', newest)
  const delayMin = flights.get('delayMin', newest) ?? NaN
  const cancelled = status === 'cancelled'
  const from = airports[flights.get('origin', newest)]
  const to = airports[flights.get('destination', newest)]

  let atAirport = false
  if (from) {
    const near = input.collections.locations.nearest('lat', 'lon', [from], {
      where: { from: departsAt - BEFORE_DEPARTURE_MS, to: departsAt + 1 },
    })
    atAirport = near !== null && near.meters <= AT_AIRPORT_M
  }
  let eur = 0
  if (from && to && covered(from, to, flights.get('carrier', newest), euCarriers.codes)) {
    const intraEu = from.eu261 && to.eu261
    eur = compensationEur(distanceKm(from, to), intraEu, delayMin, cancelled)
  }
  return { atAirport, delayBand: delayBand(delayMin, cancelled), compensationEur: eur }
}
