// Entry of the Node sandbox Worker when the project runs from its TypeScript sources (development
// and tests): registers tsx's loader before importing the main module. The compiled package starts
// the Worker on _node_worker_main.js directly (see _node_platform.ts).
import { register } from 'tsx/esm/api'

register()
await import('./_node_worker_main.ts')
