/** The relay client and its wire protocol (fetch only: browsers, Workers and Node). */

export { DeviceRelayClient, PartnerRelayClient } from './client.ts'
export type {
  DeviceClientOptions,
  DirectoryPin,
  PartnerClientOptions,
  PartnerSigner,
  PseudonymSigner,
  RelayClientOptions,
  RequestSigner,
} from './client.ts'
export { RelayError, RelayTrustError, RelayUnreachableError } from './errors.ts'
export { envelopeDigest, verifyDocument } from './protocol.ts'
export type {
  AckOutcome,
  Directory,
  DirectoryPartner,
  EnvelopeReceipt,
  EnvelopeState,
  InboxItem,
  Offer,
  PartnerStatement,
  Problem,
  PushItem,
  SignedDocument,
  StatementLine,
} from './protocol.ts'
