/**
 * The runtime Worker's entry: exposes a `HostService` to the page through comlink. This endpoint
 * is trusted (the page); partner code runs one Worker further down, in the sandbox.
 */

import { expose } from 'comlink'
import { offers } from 'virtual:sealpost-offers'
import { E2E_SCRYPT, HostService } from './host_service.ts'

const service = new HostService({
  databaseName: 'sealpost-vault',
  offers,
  // Only the end-to-end test build makes vaults with the light setting.
  ...(import.meta.env.MODE === 'e2e' ? { scrypt: E2E_SCRYPT } : {}),
})

expose(service)
