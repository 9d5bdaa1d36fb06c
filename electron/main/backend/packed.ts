import type { Conversation } from '../../../shared/domain'

/*
 * Validated conversations as UTF-8 JSON bytes. A bootstrap page fetched and validated on another
 * thread crosses the main thread this way on its way to the writer thread: a byte buffer is
 * transferred (moved, not copied) and never decoded there, so the page's objects are never
 * allocated in the main thread's heap nor copied by its garbage collector.
 */

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Only for records that passed validation: unpacking trusts them. */
export function packConversations(items: readonly Conversation[]): Uint8Array {
  return encoder.encode(JSON.stringify(items))
}

export function unpackConversations(packed: Uint8Array): Conversation[] {
  return JSON.parse(decoder.decode(packed)) as Conversation[]
}
