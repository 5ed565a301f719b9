/** Node worker side: wires `parentPort` and the wasm loader into the platform-neutral loop. */

import { parentPort } from 'node:worker_threads'
import { collectorNode, loadQuickJSWasmNode } from './_node_platform.ts'
import { serveSandbox } from './worker_main.ts'
import type { WorkerRequest } from './_protocol.ts'

const port = parentPort
if (!port) throw new Error('the sandbox worker must run inside worker_threads')
await serveSandbox(
  {
    post: (message) => port.postMessage(message),
    onMessage: (handler) => port.on('message', (m: WorkerRequest) => handler(m)),
  },
  loadQuickJSWasmNode,
  collectorNode(),
)
