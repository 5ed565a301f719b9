// The build-time modules of `web/build/offers.ts`.
declare module 'virtual:sealpost-offers' {
  import type { DemoOffer } from './runtime/_offers.ts'
  export const offers: readonly DemoOffer[]
}
