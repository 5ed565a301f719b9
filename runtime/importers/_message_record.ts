/**
 * The `messages` record shape shared by the chat and mail importers (WhatsApp, Instagram, mbox).
 */

/** One `messages` record; optional fields are omitted when the export does not say. */
export type MessageRecord = {
  id: string
  sentAt: number
  platform: string
  conversation: string
  kind: 'message' | 'system'
  text: string
  sender?: string
  senderAddress?: string
  fromMe?: boolean
  subject?: string
  recipients?: string
  labels?: string
}
