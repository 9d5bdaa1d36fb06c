/**
 * The one seam between the core and a contact-center platform. The reference Interaction API
 * implements it today; a Chatwoot connector later (no change cursor, fixed 25-row pages, websocket
 * events). So: cursors and page tokens are opaque strings, and live updates are a subscription
 * with callbacks rather than anything SSE-shaped.
 */
import type { AssignmentRecord } from '../../../shared/api'
import type { Agent, Channel, Conversation, Label, Message } from '../../../shared/domain'
import type { ServerClock } from './server-clock'

/** One record's new state. Records that failed validation never get this far. */
export type BackendChange =
  | { entity: 'conversation'; data: Conversation }
  | { entity: 'agent'; data: Agent }
  | { entity: 'label'; data: Label }
  | { entity: 'channel'; data: Channel }
  | { entity: 'message'; data: Message }

export interface WorkspaceSnapshot {
  agents: Agent[]
  labels: Label[]
  channels: Channel[]
  /** Names the dataset; a cache of another dataset must be dropped. */
  datasetId: string
  /** Where the change feed stood when this snapshot was read: the bootstrap's starting cursor. */
  cursor: string
}

/** What validation threw away, so the sync can fetch it again instead of losing it. */
export interface Skipped {
  /** Conversations whose record was malformed but said which conversation it was. */
  skippedIds: number[]
  /** Malformed conversation records that did not even carry a usable id. */
  unidentified: number
}

export interface ConversationPage extends Skipped {
  items: Conversation[]
  /** Opaque token for the next page, null at the end. */
  next: string | null
}

/** A page of conversations validated off the calling thread, packed (see packed.ts). */
export interface PackedConversationPage extends Skipped {
  packed: Uint8Array
  /** How many conversations it holds. */
  rows: number
  /** Opaque token for the next page, null at the end. */
  next: string | null
}

export interface ChangeBatch extends Skipped {
  changes: BackendChange[]
  /** Where to resume after this batch; advances past skipped (malformed) records too. */
  cursor: string
}

export interface ChangesPage extends ChangeBatch {
  hasMore: boolean
}

export interface SubscriptionHandlers {
  /** The stream is connected and delivering. */
  onOpen(): void
  onBatch(batch: ChangeBatch): void
  /** Proof of life with nothing to deliver. */
  onHeartbeat(): void
  /** The cursor is too old for the backend: the caller must re-bootstrap. The subscription is over. */
  onReset(): void
  /** The subscription broke (network, server, idle timeout). It is over; the caller reconnects. */
  onError(error: Error): void
}

export interface Subscription {
  close(): void
}

export interface ListConversationsArgs {
  page: string | null
  resolvedSince: number
  limit?: number
}

/** One page of the backend's assignment log (Log History), oldest first. */
export interface AssignmentLogPage {
  records: AssignmentRecord[]
  /** Where the next page starts: past every record of this page, malformed ones too. */
  after: number
  /** Whether the log holds more after this page. */
  hasMore: boolean
}

/** One page of the backend's assignment log read newest first, from the newest record down. */
export interface AssignmentLogPageNewestFirst {
  /** Newest first. */
  records: AssignmentRecord[]
  /** Where the next, older page starts: below every record of this page, malformed ones too. */
  before: number
  /** Whether the log holds older records than this page. */
  hasMore: boolean
}

/** Part of a thread, newest back to as far as one read goes. */
export interface ThreadSlice {
  /** Oldest first. */
  messages: Message[]
  /** Whether the server holds messages older than the oldest of these. */
  earlier: boolean
  /** How many records of the pages read were left out as malformed; unknown (taken as none) when absent. */
  dropped?: number
}

export interface Backend {
  /** For display ("connected to ..."). */
  readonly server: string
  /** Optional: the backend's clock as its answers tell it; without it, this computer's clock is taken as the server's. */
  readonly clock?: ServerClock
  /** Signs in (or reuses a live session) and returns who we are. */
  signIn(): Promise<Agent>
  getWorkspace(): Promise<WorkspaceSnapshot>
  /** Open conversations plus those resolved at or after `resolvedSince`, page by page. */
  listConversations(args: ListConversationsArgs): Promise<ConversationPage>
  /**
   * Optional: the same pages, fetched, parsed and validated on another thread and handed over
   * packed, for a caller that only passes them on to another thread (the sync's writer). A
   * bootstrap's records then never enter the calling thread's heap. Without it, listConversations.
   */
  listConversationsPacked?(args: ListConversationsArgs): Promise<PackedConversationPage>
  /** Throws CursorExpiredError when the backend no longer keeps changes that old. */
  getChanges(cursor: string): Promise<ChangesPage>
  subscribe(cursor: string, handlers: SubscriptionHandlers): Subscription
  /**
   * Resolved conversations matching a search, newest first: the history beyond what the cache
   * keeps, so only those resolved before `resolvedBefore` (the start of the cache's window) when
   * given; the newest matches are mostly cached ones and would fill the page. Backends that cannot
   * search return [].
   */
  searchConversations(args: SearchArgs): Promise<SearchHistoryPage>
  /**
   * Optional: the log of hand-offs (who assigned or transferred which chat to whom), records with
   * ids above `after`, oldest first. Without it, Log History stays empty.
   */
  listAssignments?(args: { after: number; limit: number }): Promise<AssignmentLogPage>
  /**
   * Optional: the same log newest first, records with ids below `before` (from the newest when
   * null), so a long copy brings the newest hand-offs first. Answers null when the server turns
   * out not to read its log that way; without it, or then, the log is copied oldest first.
   */
  listAssignmentsNewestFirst?(args: { before: number | null; limit: number }): Promise<AssignmentLogPageNewestFirst | null>
  /**
   * A thread's newest messages, or those older than the message `before` (a message id), as many
   * as the backend reads at once (for those older, few: the supervisor waits for them at each press
   * of "Show earlier messages"); oldest first, and whether the server holds older ones still.
   */
  getMessages(conversationId: number, before?: number): Promise<ThreadSlice>
  /**
   * One request's worth of a thread: its newest `limit` messages, or those older than the message
   * `before`; oldest first. Where a few suffice (how long a customer has waited), not a whole read.
   */
  getMessagePage(conversationId: number, page: { before?: number; limit: number }): Promise<ThreadSlice>
  /** One conversation as the backend holds it now (to learn the truth after a refused action). */
  getConversation(conversationId: number): Promise<Conversation>
  /**
   * Hands a queued conversation to an agent. The key makes a replay safe: the backend applies one
   * key once and answers a repeat with the first answer. Throws ActionRejectedError when refused.
   */
  assign(request: ActionRequest): Promise<Conversation>
  /** Moves a handled conversation to another agent; same contract as assign. */
  transfer(request: ActionRequest): Promise<Conversation>
  /**
   * Optional: the connections kept open for reuse may have died unseen (the computer slept). The
   * next requests open new ones, and any still waiting on an old one fail now instead of at their
   * timeout.
   */
  dropConnections?(): void
  /** Drops sockets and timers. */
  close(): void
}

/** Where a search of older history reads on: below this resolution time, and below this id among ties. */
export interface SearchCursor {
  before: number
  beforeId: number
}

export interface SearchArgs {
  query: string
  limit: number
  /** Only conversations resolved before this (the start of the cache's window). */
  resolvedBefore?: number
  /** The next page of an earlier search. */
  after?: SearchCursor
}

export interface SearchHistoryPage {
  items: Conversation[]
  next: SearchCursor | null
}

export interface ActionRequest {
  conversationId: number
  agentId: number
  /**
   * Transfer: the agent the supervisor saw handling the conversation; the backend refuses
   * (conflict) when another agent has it now. Null for an assign, whose rule is the queue itself.
   * Not a version: every message moves that, and a customer writing again changes nothing here.
   */
  fromAgentId: number | null
  overrideQuota: boolean
  idempotencyKey: string
}
