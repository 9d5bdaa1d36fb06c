/**
 * The one declaration of everything that crosses between the main process and the renderer.
 * Main validates every input against it; the renderer validates every output. Preload, handler
 * and renderer types are all derived from here.
 */
import { z } from 'zod'
import {
  Agent,
  Channel,
  ChannelKind,
  Conversation,
  ConversationType,
  EpochMs,
  Id,
  Label,
  Message,
  UnclearTimes,
} from '../domain'
import type { IPC_CHANNELS, IPC_EVENTS } from './channels'
import { FailureReason } from './failure'
import { LogFilters, LogOrder, LogPage } from './log-history'
import { OutboxAction, OutboxEnqueueResult, SeenDataset, SpreadPlan } from './outbox'
import type { IpcResult } from './result'
import { MissedQueueChats, QueueNotice } from './queue-notices'
import { DEFAULT_SORT, Sort, sortAllowed } from './conversation-sort'
import { SessionState, SettingsPatch, SettingsState, SignInInput } from './settings'

export const TAB_KEYS = ['all', 'in_queue', 'handled'] as const
export const Tab = z.enum(TAB_KEYS)
export type Tab = z.infer<typeof Tab>

/** Every filter is optional; an absent or empty one does not narrow. Combined with AND, values within one with OR. */
export const Filters = z
  .object({
    type: ConversationType.optional(),
    channels: z.array(ChannelKind).max(20).optional(),
    labelIds: z.array(Id).max(200).optional(),
    agentIds: z.array(Id).max(500).optional(),
    /** Conversation date (createdAt) range, inclusive start, exclusive end. */
    from: EpochMs.optional(),
    to: EpochMs.optional(),
    search: z.string().max(200).optional(),
  })
  .strict()
export type Filters = z.infer<typeof Filters>

/** The most conversations one bulk action (an assignment, a spread of picked chats) takes. */
export const MAX_PICKED = 500

/**
 * What a Force Distribution plan covers: the chats waiting under the page's filters, or the chats
 * the supervisor picked (those of them still waiting).
 */
export const SpreadTarget = z.union([
  z.object({ filters: Filters }).strict(),
  z.object({ conversationIds: z.array(Id).min(1).max(MAX_PICKED) }).strict(),
])
export type SpreadTarget = z.infer<typeof SpreadTarget>

export const TabCounts = z.object({
  all: z.number().int().nonnegative(),
  in_queue: z.number().int().nonnegative(),
  handled: z.number().int().nonnegative(),
  /**
   * The tabs whose figure is a lower bound ("2,000+"): a search that matched more conversations
   * than are counted exactly. In Queue and Handled stay exact unless they are very large.
   */
  atLeast: z.array(Tab).optional(),
})
export type TabCounts = z.infer<typeof TabCounts>

/**
 * `not_responding` is never the core's: browser mode's page says it of itself while the process
 * running the core leaves its heartbeat unanswered (paused, or stuck), its socket still open.
 */
export const ConnectionStatus = z.enum(['online', 'syncing', 'offline', 'not_responding'])
export type ConnectionStatus = z.infer<typeof ConnectionStatus>

export const ConnectionState = z.object({
  status: ConnectionStatus,
  /** When the cache last caught up with the server. */
  lastSyncedAt: EpochMs.nullable(),
  /** The backend's address, for display. */
  server: z.string(),
  /** Why the last attempt failed, when offline: the core's technical text, for the log and support. */
  error: z.string().nullable(),
  /**
   * The same failure in a word the page says in the supervisor's language. Absent where the page
   * made the state itself (it lost Observe), and from a core older than the page.
   */
  reason: FailureReason.nullable().optional(),
  /**
   * The server's clock minus this computer's, when they differ by more than a couple of seconds.
   * Every timestamp is the server's, so waits and relative times are measured by its clock.
   */
  clockOffsetMs: z.number().int().optional(),
})
export type ConnectionState = z.infer<typeof ConnectionState>

export const Workspace = z.object({
  agents: z.array(Agent),
  labels: z.array(Label),
  channels: z.array(Channel),
  /** The signed-in supervisor, once known. */
  me: Agent.nullable(),
  /**
   * Names the server's data the cache holds (null before the first sync). Ids name the same
   * customer only within one dataset: after a reseed or a restore, an old id may be another's.
   */
  datasetId: z.string().nullable(),
})
export type Workspace = z.infer<typeof Workspace>

/**
 * A conversation as the cache answers it: the API's, and since when its customer has waited for an
 * answer when that is before their last message (the first they wrote after the last reply). The
 * API sends only the last message, which moves on each time the customer writes again; the cache
 * keeps the first from the changes it sees. `awaitingEstimated` (only ever true) says that wait's
 * start is not known yet, where the cache did not see every change (a bootstrap, a malformed
 * record): it counts from a later message, so the customer has waited at least that long. A time
 * that cannot be right (timeUnclear) is the one Observe first saw it, and `unclearTimes` has what
 * the server sent.
 */
export const CachedConversation = Conversation.extend({
  awaitingSince: EpochMs.optional(),
  awaitingEstimated: z.literal(true).optional(),
  /** The times the server sent that could not be right: the page says their date is unclear. */
  unclearTimes: UnclearTimes.optional(),
})
export type CachedConversation = z.infer<typeof CachedConversation>

/**
 * A message as the cache answers it: a time that cannot be right (timeUnclear) is one that keeps it
 * where the server received it in its thread, and `unclearAt` has what the channel sent.
 */
export const CachedMessage = Message.extend({ unclearAt: EpochMs.optional() })
export type CachedMessage = z.infer<typeof CachedMessage>

export const ConversationPage = z.object({
  rows: z.array(CachedConversation),
  /** Opaque keyset cursor for the next page; null at the end. */
  nextCursor: z.string().nullable(),
})
export type ConversationPage = z.infer<typeof ConversationPage>

/** How many of a thread's newest messages a detail holds, and how many more each "Show earlier messages" adds. */
export const THREAD_WINDOW = 200
/** The most a detail holds however far back the supervisor goes: the thread's IPC frame stays bounded. */
export const THREAD_WINDOW_MAX = 20_000
const Newest = z.number().int().min(1).max(THREAD_WINDOW_MAX).default(THREAD_WINDOW)
/**
 * The page's search: the detail holds more than `newest` messages when that is what it takes to
 * hold the newest message the search finds, since the thread opens there.
 */
const Reach = z.string().max(200).optional()
/**
 * The oldest message the page shows of the thread: the detail holds at least back to it, so
 * messages arriving while the supervisor reads back do not push it out of the window.
 */
const KeepFrom = Id.optional()
/**
 * What the page holds of the thread: `held` messages, from `keepFrom` to `after` (its newest). While
 * those are still the thread's messages between the two, the answer brings only the ones newer than
 * `after`: a live message then costs the same however far back the supervisor has read, also
 * when it holds all it can (see `drop`).
 */
const Held = z.object({ after: Id, held: z.number().int().min(1).max(THREAD_WINDOW_MAX) }).strict().optional()

/**
 * The oldest message the page shows of the thread: the answer brings only the `newest` messages
 * older than it, for the page to add above the ones it holds. Reading back a window that included
 * what the page already showed cost more at every press the further back the supervisor had read.
 */
const Before = Id.optional()

/** Where a thread's messages older than those in a detail are: nowhere, in the cache, or only on the server. */
export const EarlierMessages = z.enum(['none', 'cached', 'server'])
export type EarlierMessages = z.infer<typeof EarlierMessages>

export const ConversationDetail = z.object({
  conversation: CachedConversation,
  /** The thread's newest messages (as many as asked for), oldest first. */
  messages: z.array(CachedMessage),
  /** Whether the thread has been fetched into the cache yet. */
  messagesCached: z.boolean(),
  earlierMessages: EarlierMessages,
  /**
   * Set when `messages` are only those newer than this message (an answer to `held`): the page adds
   * them after the ones it holds. Absent, `messages` are the whole window.
   */
  after: Id.optional(),
  /**
   * With `after`, when the page would hold more than THREAD_WINDOW_MAX with `messages` added: it
   * lets go of this many of its oldest first, as a whole read would have left them out. At the cap
   * every live message read the whole window again (20,000 messages, 3.6 MB) before.
   */
  drop: z.number().int().min(1).max(THREAD_WINDOW_MAX).optional(),
  /**
   * Set when `messages` are only those older than this message (an answer to `before`): the page
   * adds them before the ones it holds, and `earlierMessages` says where the ones older than them are.
   */
  before: Id.optional(),
})
export type ConversationDetail = z.infer<typeof ConversationDetail>

const NoInput = z.object({}).strict()

export const ipcContract = {
  /** Agents, labels and channels from the cache, for names, colours and filters. */
  'workspace:get': { input: NoInput, output: Workspace },
  /**
   * One keyset page of a tab in one of the tab's orders (conversation-sort.ts); without `sort`, In
   * Queue is longest waiting first and the others latest activity first. A cursor only continues
   * the tab and order it came from.
   */
  'conversations:list': {
    input: z
      .object({
        tab: Tab,
        filters: Filters.default({}),
        sort: Sort.optional(),
        cursor: z.string().max(600).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict()
      .refine((input) => input.sort === undefined || sortAllowed(input.tab, input.sort), {
        message: 'this order is not offered on this tab',
        path: ['sort'],
      })
      .transform((input) => ({ ...input, sort: input.sort ?? DEFAULT_SORT[input.tab] })),
    output: ConversationPage,
  },
  /** The three tab counts under the given filters. */
  'conversations:counts': { input: z.object({ filters: Filters.default({}) }).strict(), output: TabCounts },
  /** One conversation and whatever of its thread is cached: answers instantly, never touches the network. */
  'conversations:get': {
    input: z
      .object({ id: Id, newest: Newest, reach: Reach, keepFrom: KeepFrom, held: Held, before: Before })
      .strict()
      .refine((input) => input.before === undefined || (input.reach === undefined && input.keepFrom === undefined && input.held === undefined), {
        message: 'a page before a message is read on its own, not with a search, keepFrom or held',
        path: ['before'],
      }),
    output: ConversationDetail,
  },
  /** Fetches the thread's newest messages from the backend into the cache; `offline` error when there is no connection, `timeout` when the server reached did not answer in time. */
  'conversations:loadMessages': { input: z.object({ id: Id, newest: Newest, reach: Reach }).strict(), output: ConversationDetail },
  /**
   * Fetches messages older than the oldest cached of the thread into the cache; `offline` error when
   * there is no connection, `timeout` as loadMessages. With `before`, answers only the page older
   * than it, as conversations:get.
   */
  'conversations:loadEarlierMessages': { input: z.object({ id: Id, newest: Newest, before: Before }).strict(), output: ConversationDetail },
  'connection:get': { input: NoInput, output: ConnectionState },
  /**
   * Resolved conversations matching a search that the cache does not hold (older than its
   * retention window), asked from the server; rows already cached are left out, so they can be
   * shown after the cached results. `offline` error without a connection, `timeout` when the server reached did not answer in time.
   */
  'conversations:searchHistory': {
    input: z
      .object({
        search: z.string().trim().min(2).max(200),
        limit: z.number().int().min(1).max(200).default(50),
        /** The page's other filters: the server matches only the words, so they are applied here, reading on until the page is full. */
        filters: Filters.default({}),
      })
      .strict(),
    output: z.object({
      rows: z.array(CachedConversation),
      source: z.literal('server'),
      /** The server holds matches beyond those looked through: fewer rows than asked does not mean none are left. */
      more: z.boolean().default(false),
    }),
  },
  /**
   * One conversation of older history and its thread, read from the server and not cached (it is
   * beyond the cache's window); `offline` error without a connection, `timeout` when the server reached did not answer in time.
   */
  'conversations:getFromServer': { input: z.object({ id: Id }).strict(), output: ConversationDetail },
  /**
   * Queues one assignment per conversation (bulk when several), each applied to the cache at once
   * and sent in order when the backend is reachable. Conversations no longer in queue are skipped.
   * `dataset` is the data the page saw (SeenDataset): `dataset_changed` error, nothing queued, when
   * the cache holds other data now. So for transfer and spread too.
   */
  'outbox:assign': {
    input: z
      .object({ conversationIds: z.array(Id).min(1).max(MAX_PICKED), agentId: Id, overrideQuota: z.boolean().default(false), dataset: SeenDataset })
      .strict(),
    output: OutboxEnqueueResult,
  },
  /** Queues the transfer of a handled conversation to another agent. */
  'outbox:transfer': {
    input: z.object({ conversationId: Id, agentId: Id, overrideQuota: z.boolean().default(false), dataset: SeenDataset }).strict(),
    output: OutboxEnqueueResult,
  },
  /**
   * Force Distribution, planned: the chats waiting under these filters, or those picked, longest
   * waiting first, each to the online agent least busy for their quota (shared/domain/spread.ts). Reads
   * the cache only.
   */
  'outbox:planSpread': { input: SpreadTarget, output: SpreadPlan },
  /** Queues a plan's assignments, one action each, in its order; chats no longer waiting are skipped. */
  'outbox:spread': {
    input: z
      .object({ assignments: z.array(z.object({ conversationId: Id, agentId: Id }).strict()).min(1).max(1000), dataset: SeenDataset })
      .strict(),
    output: OutboxEnqueueResult,
  },
  /** Pending actions, and settled ones the supervisor has not dismissed yet, oldest first. */
  'outbox:list': { input: NoInput, output: z.object({ actions: z.array(OutboxAction) }) },
  /** Withdraws an action that was never sent and rolls its optimistic change back; `invalid_input` once it was sent. */
  'outbox:cancel': { input: z.object({ id: Id }).strict(), output: OutboxAction },
  /** Puts a settled action's outcome away (it leaves the list and its row loses the mark). */
  'outbox:dismiss': { input: z.object({ id: Id }).strict(), output: OutboxAction },
  /**
   * Log History: hand-offs from the cache, newest first (or oldest first, for the log's end), a
   * keyset page at a time (`before` is the last page's `nextBefore`, read with the same filters
   * and order: the entry the page comes after). Those older than the retention window are not kept.
   */
  'log:list': {
    input: LogFilters.extend({
      order: LogOrder.default('newest_first'),
      before: Id.nullable().default(null),
      limit: z.number().int().min(1).max(200).default(50),
    }).strict(),
    output: LogPage,
  },
  /** Who is signed in to which server, or that nobody is. Answered while signed out, like the two below. */
  'session:get': { input: NoInput, output: SessionState },
  /**
   * Signs in, then switches the cache to that server and user. Errors: `wrong_credentials`,
   * `unreachable` (no answer, or not an Interaction API), `not_supervisor`, `too_many_attempts`
   * (the server holds this e-mail back a while after wrong passwords).
   */
  'session:signIn': { input: SignInInput, output: SessionState },
  /** Forgets the token; with `wipeCache`, deletes this server and user's cached data too. */
  'session:signOut': { input: z.object({ wipeCache: z.boolean().default(false) }).strict(), output: SessionState },
  'settings:get': { input: NoInput, output: SettingsState },
  /**
   * The chats told as new or as waiting too long (queue:notices) after number `after` that still
   * wait in the same stay in the queue: what a page cut off from Observe missed. With `after` null, only the number of the last one told. None
   * while notifications are off, paused or in quiet hours.
   */
  'queue:missed': { input: z.object({ after: z.number().int().nonnegative().nullable() }).strict(), output: MissedQueueChats },
  /** Changes some settings and answers all of them; applied at once (a new retention window restarts the sync). */
  'settings:update': { input: SettingsPatch, output: SettingsState },
} as const satisfies Record<(typeof IPC_CHANNELS)[number], { input: z.ZodType; output: z.ZodType }>

export const ipcEvents = {
  /** Conversations changed in the cache (sync or local action); lists and counts should refresh. */
  'cache:changed': z.object({ conversationIds: z.array(Id), reset: z.boolean() }),
  /** Unfiltered tab counts, for badges and the tray. */
  'counts:changed': TabCounts,
  /** Agents (presence, load), labels or channels changed in the cache: workspace:get answers anew. */
  'workspace:changed': z.object({}),
  'connection:changed': ConnectionState,
  /** Something outside the page (a notification, the tray menu) asks to show this conversation. */
  'app:openConversation': z.object({ id: Id }),
  /** A notification about the queue as a whole (a burst, a backlog waiting too long) asks to show it. */
  'app:openQueue': z.object({}),
  /** New queued chats and chats waiting too long, already filtered by the notification rules. */
  'queue:notices': z.array(QueueNotice),
  /** Outbox actions that were queued, sent, settled, cancelled or dismissed: their new state. */
  'outbox:changed': z.object({ actions: z.array(OutboxAction) }),
  /** New hand-offs reached the cache's Log History (or it was emptied): log:list answers anew. */
  'log:changed': z.object({}),
  /** Signed in, signed out, or the session ended; a new profile means every list must start over. */
  'session:changed': SessionState,
  'settings:changed': SettingsState,
} as const satisfies Record<(typeof IPC_EVENTS)[number], z.ZodType>

export type IpcContract = typeof ipcContract
export type IpcChannelName = keyof IpcContract
export type IpcInput<C extends IpcChannelName> = z.input<IpcContract[C]['input']>
export type IpcParsedInput<C extends IpcChannelName> = z.output<IpcContract[C]['input']>
export type IpcOutput<C extends IpcChannelName> = z.output<IpcContract[C]['output']>
export type IpcEventName = keyof typeof ipcEvents
export type IpcEventPayload<E extends IpcEventName> = z.output<(typeof ipcEvents)[E]>

/** window.observe: the renderer's only door to the rest of the app. */
export interface ObserveApi {
  invoke<C extends IpcChannelName>(channel: C, input: IpcInput<C>): Promise<IpcResult<IpcOutput<C>>>
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void
}

// Compile-time check that the name lists in channels.ts and this contract agree both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const channelsMatch: Same<(typeof IPC_CHANNELS)[number], IpcChannelName> = true
const eventsMatch: Same<(typeof IPC_EVENTS)[number], IpcEventName> = true
void channelsMatch
void eventsMatch
