/**
 * The Interaction API: what the reference server serves and what the main process's
 * reference backend client expects. Every payload crossing HTTP is parsed with these.
 */
import { z } from 'zod'
import { Agent, Channel, Conversation, ConversationStatus, EpochMs, Id, Label, Message } from '../domain'

export const API_PREFIX = '/api/v1'

export const ApiError = z.object({
  error: z.object({
    /** Machine-readable: unauthorized, not_found, invalid_request, cursor_expired, forbidden, conflict, ... */
    code: z.string(),
    message: z.string(),
  }),
})
export type ApiError = z.infer<typeof ApiError>

// POST /auth/sign-in
export const SignInRequest = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(200),
})
export type SignInRequest = z.infer<typeof SignInRequest>

export const SignInResponse = z.object({
  token: z.string().min(16),
  expiresAt: EpochMs,
  user: Agent,
})
export type SignInResponse = z.infer<typeof SignInResponse>

/** Agents, labels or channels one workspace may hold. */
export const MAX_WORKSPACE_ITEMS = 10_000

// GET /workspace: the reference data, and the change sequence it was read at.
export const WorkspaceResponse = z.object({
  // Bounded, like every list a client reads: a server that sends without end is refused, not kept.
  agents: z.array(Agent).max(MAX_WORKSPACE_ITEMS),
  labels: z.array(Label).max(MAX_WORKSPACE_ITEMS),
  channels: z.array(Channel).max(MAX_WORKSPACE_ITEMS),
  seq: z.number().int().nonnegative(),
  /**
   * Names the server's dataset. It changes when the data is replaced (a new demo seed, another
   * workspace), and a client holding a cache of another dataset must drop it and start over.
   */
  datasetId: z.string().min(1).max(100),
})
export type WorkspaceResponse = z.infer<typeof WorkspaceResponse>

// GET /conversations: keyset pages in ascending id, for bootstrap and for plain listing.
export const ConversationsQuery = z.object({
  /** Return ids greater than this. */
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  /** Resolved conversations older than this are left out; open ones are always included. */
  resolvedSince: z.coerce.number().int().nonnegative().default(0),
  status: ConversationStatus.optional(),
})
export type ConversationsQuery = z.infer<typeof ConversationsQuery>

export const ConversationsPage = z.object({
  /** Items are validated one by one by clients, so one bad record never sinks a page. No more than a query may ask for. */
  items: z.array(z.unknown()).max(1000),
  nextAfter: Id.nullable(),
})
export type ConversationsPage = z.infer<typeof ConversationsPage>

// GET /conversations/{id}/messages: newest first, paged backwards in time.
export const MessagesQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type MessagesQuery = z.infer<typeof MessagesQuery>

export const MessagesPage = z.object({
  items: z.array(z.unknown()).max(200),
  nextBefore: Id.nullable(),
})
export type MessagesPage = z.infer<typeof MessagesPage>

// The change feed. Each change carries the whole new state of one record.
export const CHANGE_ENTITIES = ['conversation', 'agent', 'label', 'channel', 'message'] as const
export const ChangeEntity = z.enum(CHANGE_ENTITIES)
export type ChangeEntity = z.infer<typeof ChangeEntity>

/** What a client can always read, even when the record inside is malformed: enough to move the cursor past it. */
export const ChangeEnvelope = z.object({
  seq: z.number().int().positive(),
  entity: z.string(),
  data: z.unknown(),
})
export type ChangeEnvelope = z.infer<typeof ChangeEnvelope>

export const Change = z.discriminatedUnion('entity', [
  z.object({ seq: z.number().int().positive(), entity: z.literal('conversation'), data: Conversation }),
  z.object({ seq: z.number().int().positive(), entity: z.literal('agent'), data: Agent }),
  z.object({ seq: z.number().int().positive(), entity: z.literal('label'), data: Label }),
  z.object({ seq: z.number().int().positive(), entity: z.literal('channel'), data: Channel }),
  z.object({ seq: z.number().int().positive(), entity: z.literal('message'), data: Message }),
])
export type Change = z.infer<typeof Change>

// GET /changes?after=S&limit=N; 410 with code cursor_expired when S is older than the server keeps.
export const ChangesQuery = z.object({
  after: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
})
export type ChangesQuery = z.infer<typeof ChangesQuery>

export const ChangesPage = z.object({
  changes: z.array(ChangeEnvelope).max(5000),
  /** Seq of the last change in this page, or `after` when empty. */
  lastSeq: z.number().int().nonnegative(),
  hasMore: z.boolean(),
})
export type ChangesPage = z.infer<typeof ChangesPage>

/**
 * GET /stream: server-sent events. `id:` is the seq, `event: change` carries a ChangeEnvelope,
 * `event: reset` (data: ApiError) means the cursor is older than the server keeps: start over.
 * Resumes after `Last-Event-ID` (or `?after=`). Comment lines are heartbeats.
 */
export const SSE_EVENT_CHANGE = 'change'
export const SSE_EVENT_RESET = 'reset'

// GET /stats?resolvedSince=T: the server's own counts over the same window the client caches.
export const StatsQuery = z.object({
  resolvedSince: z.coerce.number().int().nonnegative().default(0),
})
export const StatsResponse = z.object({
  all: z.number().int().nonnegative(),
  in_queue: z.number().int().nonnegative(),
  handled: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
})
export type StatsResponse = z.infer<typeof StatsResponse>

// POST /demo/conversations (demo mode only): a new queued conversation, now.
export const DemoConversationRequest = z.object({
  channel: Channel.shape.kind.optional(),
  customerName: z.string().min(1).max(200).optional(),
  text: z.string().min(1).max(2000).optional(),
})
export type DemoConversationRequest = z.infer<typeof DemoConversationRequest>

// POST /demo/conversations/{id}/messages (demo mode only): the customer writes in, now; `count`
// times over for a long thread, each numbered ("text (3/500)").
export const DemoMessageRequest = z.object({ text: z.string().min(1).max(2000), count: z.number().int().min(1).max(5000).default(1) })
export type DemoMessageRequest = z.infer<typeof DemoMessageRequest>

// POST /conversations/{id}/assign with an Idempotency-Key header.
export const AssignRequest = z.object({
  agentId: Id,
  /** The version the caller saw; 409 if the conversation moved on since. */
  expectedVersion: z.number().int().positive().optional(),
  /** Assign even when the agent is at quota. */
  overrideQuota: z.boolean().default(false),
})
export type AssignRequest = z.infer<typeof AssignRequest>

/** A 409 from assign or transfer: the error, and the conversation as it stands now, so the caller can show why. */
export const ConflictError = ApiError.extend({ conversation: Conversation })
export type ConflictError = z.infer<typeof ConflictError>

// POST /conversations/{id}/transfer with an Idempotency-Key header: a handled conversation to another agent.
export const TransferRequest = z.object({
  agentId: Id,
  /** The version the caller saw; 409 if the conversation moved on since. */
  expectedVersion: z.number().int().positive().optional(),
  /**
   * The agent the caller saw handling it; 409 if another agent has it now, or nobody. Unlike
   * expectedVersion, a message in the conversation does not count as a change: a transfer queued
   * while offline still goes through after the customer wrote again.
   */
  expectedAgentId: Id.optional(),
  /** Transfer even when the agent is at quota. */
  overrideQuota: z.boolean().default(false),
})
export type TransferRequest = z.infer<typeof TransferRequest>

// GET /assignments: who assigned or transferred what, when (Log History), oldest first, or newest first when asked.
export const ASSIGNMENT_ACTIONS = ['assign', 'transfer'] as const
export const AssignmentAction = z.enum(ASSIGNMENT_ACTIONS)
export type AssignmentAction = z.infer<typeof AssignmentAction>

export const AssignmentRecord = z.object({
  id: Id,
  conversationId: Id,
  action: AssignmentAction,
  /** Who did it: a supervisor, or an agent picking a chat up themselves. */
  byAgentId: Id,
  /** The previous handler; null when the conversation came from the queue. */
  fromAgentId: Id.nullable(),
  toAgentId: Id,
  at: EpochMs,
})
export type AssignmentRecord = z.infer<typeof AssignmentRecord>

export const AssignmentsQuery = z.object({
  conversationId: z.coerce.number().int().positive().optional(),
  /** Return records with ids greater than this (oldest first only). */
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /**
   * Newest first reads the log from its newest record down, so a client copying a long log can
   * have the newest hand-offs first. A server that predates it ignores it and answers oldest first,
   * which the page's missing `nextBefore` tells.
   */
  order: z.enum(['oldest_first', 'newest_first']).default('oldest_first'),
  /** Newest first only: return records with ids less than this (see nextBefore); absent, from the newest. */
  before: z.coerce.number().int().positive().optional(),
})
export type AssignmentsQuery = z.infer<typeof AssignmentsQuery>

export const AssignmentsPage = z.object({
  items: z.array(z.unknown()).max(1000),
  /** Oldest first: the `after` of the next page; null at the newest record (and always, newest first). */
  nextAfter: Id.nullable(),
  /** Newest first only: the `before` of the next page; null at the oldest record. */
  nextBefore: Id.nullable().optional(),
})
export type AssignmentsPage = z.infer<typeof AssignmentsPage>

// GET /conversations/search: resolved conversations of any age, newest resolved first.
export const SearchQuery = z.object({
  /** Matched against customer name and handle (word prefixes, phone digits) and the ticket number. */
  q: z.string().trim().min(2).max(200),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset cursor: return conversations resolved before this (see nextBefore). */
  before: z.coerce.number().int().nonnegative().optional(),
  /** Tie-breaker for before: among those resolved exactly at `before`, ids below this. */
  beforeId: z.coerce.number().int().positive().optional(),
})
export type SearchQuery = z.infer<typeof SearchQuery>

export const SearchPage = z.object({
  /** Conversations, validated one by one by clients like every page. */
  items: z.array(z.unknown()).max(200),
  /** Pass as before and beforeId for the next page; null at the end. */
  nextBefore: EpochMs.nullable(),
  nextBeforeId: Id.nullable(),
})
export type SearchPage = z.infer<typeof SearchPage>

// POST /demo/faults (demo mode only): fault injection for sync tests. Absent fields keep their value.
export const FaultSettings = z.object({
  /** Delay before every answer, in ms. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share (0..1) of requests answered 503 before they are handled. */
  errorRate: z.number().min(0).max(1),
  /** Close each event stream after this many change events; 0 never. */
  dropStreamAfter: z.number().int().min(0),
  /** Share (0..1) of conversation records sent malformed in pages and the change feed; stored data stays intact. */
  malformedRate: z.number().min(0).max(1),
  /** PRNG seed that makes the injected errors and malformed records repeatable. */
  seed: z.number().int().nonnegative(),
})
export type FaultSettings = z.infer<typeof FaultSettings>
export const FaultSettingsPatch = FaultSettings.partial()
export type FaultSettingsPatch = z.infer<typeof FaultSettingsPatch>
