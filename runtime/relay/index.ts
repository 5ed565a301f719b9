/** The relay client and its wire protocol (fetch only: browsers, Workers and Node). */

export { DeviceRelayClient, PartnerRelayClient, submitAdmission } from './client.ts'
export type {
  DeviceClientOptions,
  DirectoryPin,
  PartnerClientOptions,
  PartnerSigner,
  PseudonymSigner,
  RelayClientOptions,
  RequestSigner,
  SubmittedAdmission,
} from './client.ts'
export { RelayError, RelayTrustError, RelayUnreachableError } from './errors.ts'
export { envelopeDigest, verifyDocument } from './protocol.ts'
export type {
  AckOutcome,
  AdmissionResult,
  Directory,
  DirectoryPartner,
  EnvelopeReceipt,
  EnvelopeState,
  InboxItem,
  Offer,
  PartnerAdmission,
  PartnerStatement,
  Problem,
  PushItem,
  SignedDocument,
  StatementLine,
} from './protocol.ts'
