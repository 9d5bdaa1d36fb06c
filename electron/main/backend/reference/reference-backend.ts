import { z } from 'zod'
import { AssignmentRecord, AssignmentsPage, ChangesPage, ConversationsPage, MAX_WORKSPACE_ITEMS, MessagesPage, SearchPage, WorkspaceResponse } from '../../../../shared/api'
import { Agent, Channel, Conversation, Label, Message } from '../../../../shared/domain'
import type {
  ActionRequest,
  AssignmentLogPage,
  AssignmentLogPageNewestFirst,
  Backend,
  BackendChange,
  ChangesPage as BackendChangesPage,
  ConversationPage,
  ListConversationsArgs,
  PackedConversationPage,
  SearchArgs,
  SearchHistoryPage,
  SubscriptionHandlers,
  ThreadSlice,
  WorkspaceSnapshot,
} from '../backend'
import { packConversations } from '../packed'
import { rejectionOf } from './rejection'
import type { Log } from '../../log'
import { ServerClock } from '../server-clock'
import { ReferenceHttp, type ReferenceCredentials } from './http'
import { PageThread } from './page-thread'
import { parseChange, parseConversations, parseConversationsInSlices, parseEach, usableId } from './parse'
import { openChangeStream } from './sse'

export interface ReferenceBackendOptions extends ReferenceCredentials {
  log: Log
  /** Stream silence that counts as a dead connection; a few server heartbeats long. */
  streamIdleTimeoutMs?: number
  /** How long one request may wait for its answer (15 s unless a test needs a slow server sooner). */
  requestTimeoutMs?: number
}

/** Changes per catch-up request (the API default; it allows up to 5,000). */
const CHANGES_PAGE = 1000
/** Threads longer than this are cut to their newest messages. */
const MAX_THREAD_PAGES = 10
/**
 * Pages of earlier messages one read back fetches: a press of "Show earlier messages" shows 200, and
 * waited for ten pages before (25 s on a server taking 2.5 s a request). Two leave the next press
 * to the cache.
 */
const EARLIER_PAGES = 2
/** The most messages the Interaction API answers in one page. */
const MAX_MESSAGES_PAGE = 200

/**
 * Most conversations asked for in one bootstrap page, whatever the caller wants. Through
 * listConversations a page is decoded and JSON-parsed in one go on the caller's thread (the
 * Electron main thread): 1000 records are ~460 kB and 5 to 10 ms of that, and keep more young
 * objects alive for the garbage collector to copy; 250 stay near a millisecond. The next page is
 * fetched while one is written, so the extra round trips cost little.
 */
const MAX_PAGE_ROWS = 250

/**
 * The workspace as read: its agents, labels and channels checked one by one (parseEach), so one bad
 * record is skipped and logged. Checked whole, an agent with a name over the limit refused the
 * workspace, and with it every sync: Observe stayed offline (a helper's audit of extreme data).
 */
const WorkspaceAsRead = WorkspaceResponse.extend({
  agents: z.array(z.unknown()).max(MAX_WORKSPACE_ITEMS),
  labels: z.array(z.unknown()).max(MAX_WORKSPACE_ITEMS),
  channels: z.array(z.unknown()).max(MAX_WORKSPACE_ITEMS),
})

/** The Interaction API (the reference server, or any server speaking it). Cursors are change seqs as strings. */
export class ReferenceBackend implements Backend {
  private readonly http: ReferenceHttp
  private readonly pages: PageThread
  readonly server: string
  readonly clock = new ServerClock()

  constructor(private readonly options: ReferenceBackendOptions) {
    this.http = new ReferenceHttp(options, options.requestTimeoutMs, this.clock)
    this.pages = new PageThread({ apiBase: this.http.apiBase, timeoutMs: this.http.timeoutMs }, options.log)
    this.server = options.baseUrl
  }

  async signIn(): Promise<Agent> {
    return (await this.http.signIn()).me
  }

  async getWorkspace(): Promise<WorkspaceSnapshot> {
    const ws = await this.http.get('/workspace', WorkspaceAsRead)
    return {
      agents: parseEach(ws.agents, Agent, 'agent', this.options.log),
      labels: parseEach(ws.labels, Label, 'label', this.options.log),
      channels: parseEach(ws.channels, Channel, 'channel', this.options.log),
      datasetId: ws.datasetId,
      cursor: String(ws.seq),
    }
  }

  async listConversations(args: ListConversationsArgs): Promise<ConversationPage> {
    const page = await this.http.get('/conversations', ConversationsPage, pageParams(args))
    return { ...(await parseConversationsInSlices(page.items, this.options.log)), next: page.nextAfter === null ? null : String(page.nextAfter) }
  }

  /** On the page thread; where that thread cannot run, fetched here and packed. */
  async listConversationsPacked(args: ListConversationsArgs): Promise<PackedConversationPage> {
    const params = pageParams(args)
    const page = await this.http.withToken(async (token) => this.pages.fetch('/conversations', params, token))
    if (page) return page
    const { items, ...rest } = await this.listConversations(args)
    return { ...rest, packed: packConversations(items), rows: items.length }
  }

  async searchConversations(args: SearchArgs): Promise<SearchHistoryPage> {
    // A later page reads on below the last (before, beforeId); the first starts at the window's edge.
    const from = args.after ?? (args.resolvedBefore === undefined ? {} : { before: Math.max(0, Math.floor(args.resolvedBefore)) })
    // Half an emoji (pasted text cut inside one) cannot go into a URL: axios threw, which read as "offline".
    const q = args.query.replace(/\p{Cs}/gu, '')
    const page = await this.http.get('/conversations/search', SearchPage, { q, limit: args.limit, ...from })
    const next = page.nextBefore === null || page.nextBeforeId === null ? null : { before: page.nextBefore, beforeId: page.nextBeforeId }
    return { items: parseConversations(page.items, this.options.log).items, next }
  }

  async getChanges(cursor: string): Promise<BackendChangesPage> {
    const page = await this.http.get('/changes', ChangesPage, { after: cursor, limit: CHANGES_PAGE })
    const changes: BackendChange[] = []
    const skippedIds: number[] = []
    let unidentified = 0
    for (const raw of page.changes) {
      const { change, skipped } = parseChange(raw, this.options.log)
      if (change) changes.push(change)
      if (skipped === 'unknown') unidentified++
      else if (skipped !== null) skippedIds.push(skipped)
    }
    return { changes, skippedIds, unidentified, cursor: String(page.lastSeq), hasMore: page.hasMore }
  }

  subscribe(cursor: string, handlers: SubscriptionHandlers) {
    return openChangeStream(
      {
        url: `${this.http.apiBase}/stream`,
        token: () => this.http.token(),
        onUnauthorized: () => this.http.dropSession(),
        cursor,
        idleTimeoutMs: this.options.streamIdleTimeoutMs ?? 45_000,
        log: this.options.log,
      },
      handlers,
    )
  }

  async listAssignments(args: { after: number; limit: number }): Promise<AssignmentLogPage> {
    const page = await this.http.get('/assignments', AssignmentsPage, { after: args.after, limit: args.limit })
    const records = parseEach(page.items, AssignmentRecord, 'assignment record', this.options.log)
    // A malformed last record must not be asked for again and again: the page moves past every id it held.
    const after = Math.max(args.after, page.nextAfter ?? 0, ...page.items.map((item) => usableId(item) ?? 0))
    return { records, after, hasMore: page.nextAfter !== null }
  }

  async listAssignmentsNewestFirst(args: { before: number | null; limit: number }): Promise<AssignmentLogPageNewestFirst | null> {
    const query = { order: 'newest_first', limit: args.limit, ...(args.before !== null && { before: args.before }) }
    const page = await this.http.get('/assignments', AssignmentsPage, query)
    // A server from before newest first ignores the order and answers oldest first, without nextBefore.
    if (page.nextBefore === undefined) return null
    const records = parseEach(page.items, AssignmentRecord, 'assignment record', this.options.log)
    const ids = page.items.map((item) => usableId(item) ?? Number.MAX_SAFE_INTEGER)
    const before = Math.min(args.before ?? Number.MAX_SAFE_INTEGER, page.nextBefore ?? Number.MAX_SAFE_INTEGER, ...ids)
    return { records, before, hasMore: page.nextBefore !== null }
  }

  async getMessages(conversationId: number, from?: number): Promise<ThreadSlice> {
    const newestFirst: Message[] = []
    let before: number | null = from ?? null
    let dropped = 0
    const pages = from === undefined ? MAX_THREAD_PAGES : EARLIER_PAGES
    for (let i = 0; i < pages; i++) {
      const page = await this.messagePage(conversationId, before, MAX_MESSAGES_PAGE)
      newestFirst.push(...page.newestFirst)
      dropped += page.dropped
      before = page.nextBefore
      if (before === null) break
    }
    return { messages: newestFirst.reverse(), earlier: before !== null, dropped }
  }

  async getMessagePage(conversationId: number, { before, limit }: { before?: number; limit: number }): Promise<ThreadSlice> {
    const page = await this.messagePage(conversationId, before ?? null, limit)
    return { messages: page.newestFirst.reverse(), earlier: page.nextBefore !== null, dropped: page.dropped }
  }

  /** One page of a thread, newest first, with how many of its records did not parse (or named another thread). */
  private async messagePage(conversationId: number, from: number | null, limit: number): Promise<{ newestFirst: Message[]; nextBefore: number | null; dropped: number }> {
    const id = z.number().int().positive().parse(conversationId)
    const params: Record<string, unknown> = { limit: z.number().int().min(1).max(MAX_MESSAGES_PAGE).parse(limit) }
    if (from !== null) params.before = z.number().int().positive().parse(from)
    const page: MessagesPage = await this.http.get(`/conversations/${id}/messages`, MessagesPage, params)
    const newestFirst = parseEach(page.items, Message, 'message', this.options.log).filter((m) => m.conversationId === id)
    return { newestFirst, nextBefore: page.nextBefore, dropped: page.items.length - newestFirst.length }
  }

  async getConversation(conversationId: number): Promise<Conversation> {
    const id = z.number().int().positive().parse(conversationId)
    return this.http.get(`/conversations/${id}`, Conversation)
  }

  assign(request: ActionRequest): Promise<Conversation> {
    return this.act('assign', request)
  }

  transfer(request: ActionRequest): Promise<Conversation> {
    return this.act('transfer', request)
  }

  private async act(action: 'assign' | 'transfer', request: ActionRequest): Promise<Conversation> {
    const id = z.number().int().positive().parse(request.conversationId)
    const body = {
      agentId: request.agentId,
      overrideQuota: request.overrideQuota,
      ...(action === 'transfer' && request.fromAgentId !== null ? { expectedAgentId: request.fromAgentId } : {}),
    }
    try {
      return await this.http.postAuthed(`/conversations/${id}/${action}`, Conversation, body, { 'Idempotency-Key': request.idempotencyKey })
    } catch (error) {
      throw rejectionOf(error) ?? error
    }
  }

  dropConnections(): void {
    this.http.dropConnections()
  }

  close(): void {
    this.http.close()
    this.pages.close()
  }
}

/** GET /conversations's query for a page: at most MAX_PAGE_ROWS, whatever the caller asks. */
function pageParams(args: ListConversationsArgs): Record<string, unknown> {
  return { after: args.page ?? 0, limit: Math.min(args.limit ?? MAX_PAGE_ROWS, MAX_PAGE_ROWS), resolvedSince: args.resolvedSince }
}
