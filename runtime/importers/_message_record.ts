/**
 * The `messages` record shape shared by the chat and mail importers (WhatsApp, Instagram, mbox),
 * and the one place that fits text to the collection schema's limits.
 */
import { clip, compact, type Draft } from './_json_export.ts'

/** One `messages` record; optional fields are omitted when the export does not say. */
export type MessageRecord = {
  id: string
  sentAt: number
  platform: string
  conversation: string
  kind: 'message' | 'system'
  text: string
  source: string
  sender?: string
  senderAddress?: string
  fromMe?: boolean
  subject?: string
  recipients?: string
  labels?: string
}

/** A message record with undefined fields dropped and text clipped to `messages.schema.json`. */
export function messageRecord(
  draft: Draft<
    MessageRecord,
    'id' | 'sentAt' | 'platform' | 'conversation' | 'kind' | 'text' | 'source'
  >,
): MessageRecord {
  return compact<MessageRecord>({
    ...draft,
    conversation: clip(draft.conversation, 300),
    text: clip(draft.text, 100_000),
    sender: clip(draft.sender, 200),
    senderAddress: clip(draft.senderAddress, 320),
    subject: clip(draft.subject, 1000),
    recipients: clip(draft.recipients, 4000),
    labels: clip(draft.labels, 1000),
  })
}
