/**
 * Distances on the Earth (a sphere of the IUGG mean radius): enough for "within 500 m of a shop"
 * or "a flight of 1,500 km".
 *
 * ```js
 * import { haversineMeters } from 'sealpost/guest'
 * haversineMeters({ lat: 48.8566, lon: 2.3522 }, { lat: 51.5074, lon: -0.1278 }) // ≈ 343,900
 * ```
 */

export const EARTH_RADIUS_M = 6_371_008.8

export interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** Great-circle distance in metres between two points in degrees (haversine). */
export function haversineMeters(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The index of the point nearest to `from`, and its distance; null for no points. */
export function nearestPoint(
  from: LatLon,
  points: readonly LatLon[],
): { index: number; meters: number } | null {
  let best: { index: number; meters: number } | null = null
  points.forEach((p, index) => {
    const meters = haversineMeters(from, p)
    if (!best || meters < best.meters) best = { index, meters }
  })
  return best
}
