/**
 * Installable and offline: the built app registers `sw.js` (web/build/service_worker.ts), which
 * caches every file of the build. The dev server has no service worker (it would serve stale code).
 */

/** Registers the service worker in built apps; a failure only costs offline use. */
export function registerServiceWorker(): void {
  // The dev server (hot reload) would be served stale files by a cache: built apps only.
  if (import.meta.hot || !('serviceWorker' in navigator)) return
  navigator.serviceWorker.register('./sw.js').catch(() => undefined)
}
