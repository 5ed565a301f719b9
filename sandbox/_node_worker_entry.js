// Entry of the Node sandbox Worker. The project runs from its TypeScript sources, so the worker
// registers tsx's loader before importing its main module.
import { register } from 'tsx/esm/api'

register()
await import('./_node_worker_main.ts')
