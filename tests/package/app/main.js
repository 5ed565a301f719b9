// The page of a minimal browser host app: the runtime lives in a Worker, never on the page.
const worker = new Worker(new URL('./host-worker.js', import.meta.url), { type: 'module' })
worker.addEventListener('message', (e) => (window.sealpostResult = e.data))
worker.addEventListener('error', (e) => (window.sealpostResult = { ok: false, error: e.message }))
worker.postMessage('run')
