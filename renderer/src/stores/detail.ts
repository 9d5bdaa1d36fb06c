/**
 * The open conversation. conversations:get answers from the cache at once; when the thread is not
 * cached yet, conversations:loadMessages fetches it, and an `offline` failure is shown as such.
 * The detail holds the thread's newest messages; "Show earlier messages" reads further back, from
 * the cache, then from the server.
 */
import { defineStore } from 'pinia'
import { ref, toRaw, watch } from 'vue'
import type { Conversation, Id } from '@shared/domain'
import { THREAD_WINDOW, THREAD_WINDOW_MAX, type ConnectionStatus, type ConversationDetail } from '@shared/ipc/contract'
import { call, subscribe } from '@renderer/api/client'
import { errorCode } from './errors'
import { useFiltersStore } from './filters'
import { useWorkspaceStore } from './workspace'

export const useDetailStore = defineStore('detail', () => {
  const openId = ref<Id | null>(null)
  const detail = ref<ConversationDetail | null>(null)
  const isLoading = ref(false)
  const isLoadingMessages = ref(false)
  /** Error code of reading the conversation from the cache. */
  const error = ref<string | null>(null)
  /**
   * Error code of fetching its messages: 'offline' when there is no connection (fetched again once
   * there is), 'timeout' when the server reached did not answer in time (fetched again when asked).
   */
  const messagesError = ref<string | null>(null)
  /** Opened from older history: read from the server, not in the cache (so cache events pass it by). */
  const fromServer = ref(false)
  /** How many of the thread's newest messages are read: grows as the supervisor reads back. */
  const newest = ref(THREAD_WINDOW)
  const isLoadingEarlier = ref(false)
  /** Error code of reading earlier messages ('offline' when they are on the server and there is no connection, 'timeout' when it was slow). */
  const earlierError = ref<string | null>(null)
  /**
   * Counts the times the supervisor asked to see a chat (a row, an entry, a notice, the tray): asked
   * again for the one already open, nothing else changes, yet the detail must take the keyboard as
   * it does for a new one, or the focus stays on what was pressed, or drops to the body with it.
   */
  const asks = ref(0)
  let token = 0
  let messagesToken = 0
  let earlierToken = 0
  let unsubscribe: (() => void) | null = null

  /**
   * The list's search, for the core to hold the thread back to the newest message it finds: the
   * thread opens there, and it may be older than the newest window.
   */
  const filters = useFiltersStore()
  const reach = (): { reach?: string } => (filters.filters.search.trim() ? { reach: filters.filters.search.trim() } : {})

  /** What the page shows of this chat's thread stays in it: new messages do not push its top out. */
  const keepShown = (id: Id): { keepFrom?: number } => {
    const from = detail.value?.conversation.id === id ? detail.value.messages[0]?.id : undefined
    return from === undefined ? {} : { keepFrom: from }
  }

  /**
   * What the page holds of this chat's thread, for a read at a change to bring only what is newer:
   * re-reading the window at every live message cost more the further back the supervisor had read.
   */
  const heldOf = (id: Id): { held?: { after: Id; held: number } } => {
    const shown = detail.value
    const after = shown?.conversation.id === id ? shown.messages.at(-1)?.id : undefined
    return after === undefined ? {} : { held: { after, held: shown!.messages.length } }
  }

  /**
   * Adds the messages of an answer to `held` after those shown, keeping the ones shown as they are
   * (the same objects, so the page redraws none of them), but the oldest it says to let go of.
   */
  function showNewer(value: ConversationDetail): void {
    const shown = detail.value!.messages
    const kept = value.drop === undefined ? toRaw(shown) : toRaw(shown).slice(value.drop)
    const messages = value.messages.length === 0 && value.drop === undefined ? shown : [...kept, ...value.messages]
    show({ conversation: value.conversation, messages, messagesCached: value.messagesCached, earlierMessages: value.earlierMessages })
  }

  /**
   * Adds an answer to `before` above the messages shown, keeping them as they are. Only where it was
   * read for: a read since that replaced what is shown (held back to a search's match) already
   * reaches past it.
   */
  function showOlder(value: ConversationDetail): void {
    const shown = detail.value === null ? null : toRaw(detail.value)
    if (shown === null || shown.conversation.id !== value.conversation.id || shown.messages[0]?.id !== value.before) return
    show({ conversation: shown.conversation, messages: [...value.messages, ...shown.messages], messagesCached: shown.messagesCached, earlierMessages: value.earlierMessages })
  }

  /** Shows a detail read; one held further back to reach a search stays that far back at the next read. */
  function show(value: ConversationDetail): void {
    detail.value = value
    newest.value = Math.min(THREAD_WINDOW_MAX, Math.max(newest.value, value.messages.length))
  }

  /** The thread: fetched into the cache, or for older history read from the server with its conversation. */
  async function fetchMessages(id: Id): Promise<void> {
    const mine = ++messagesToken
    isLoadingMessages.value = true
    messagesError.value = null
    try {
      const asked = reach()
      const loaded = fromServer.value ? await call('conversations:getFromServer', { id }) : await call('conversations:loadMessages', { id, newest: newest.value, ...asked })
      if (mine === messagesToken && openId.value === id) {
        // The search changed while the thread was fetched: a read since may already hold the thread
        // back to its match, which this answer would cut again. Read it once more instead.
        if (!fromServer.value && reach().reach !== asked.reach) void read(id, true, true)
        else show(loaded)
      }
    } catch (failure) {
      if (mine === messagesToken) messagesError.value = errorCode(failure)
    } finally {
      if (mine === messagesToken) isLoadingMessages.value = false
    }
  }

  /**
   * Reads the open conversation from the cache. `toMatch`: hold the thread back to the search's
   * match, when it opens or the search changes. Not at every change of the chat: with no message
   * matching, finding that out reads the whole thread (8–30 ms at 5,000 messages), and the window
   * reached once stays (show keeps `newest`).
   */
  async function read(id: Id, quiet: boolean, toMatch = !quiet): Promise<void> {
    const mine = ++token
    if (!quiet) isLoading.value = true
    try {
      // A change to the open chat asks only for what is newer than what it holds.
      const held = quiet && !toMatch ? heldOf(id) : {}
      const sent = detail.value?.messages
      const value = await call('conversations:get', { id, newest: newest.value, ...(toMatch ? reach() : {}), ...keepShown(id), ...held })
      if (mine !== token) return
      // What is shown changed meanwhile (the thread was fetched, or earlier messages were added above):
      // the thread is read again from what the page holds now, which this answer would undo or miss.
      if (quiet && detail.value?.messages !== sent) return read(id, true, toMatch)
      if (value.after === undefined) show(value)
      else showNewer(value)
      // Fetched after all (the page gave up on it, or a fetch since wrote it): no error to say.
      if (value.messagesCached && !isLoadingMessages.value) messagesError.value = null
      error.value = null
      isLoading.value = false
      if (!value.messagesCached && !isLoadingMessages.value) await fetchMessages(id)
    } catch (failure) {
      if (mine !== token) return
      error.value = errorCode(failure)
      isLoading.value = false
    }
  }

  function resetEarlier(): void {
    earlierToken += 1
    newest.value = THREAD_WINDOW
    isLoadingEarlier.value = false
    earlierError.value = null
  }

  /** A conversation of older history: shown at once from its row, then read whole from the server. */
  function openFromServer(conversation: Conversation): Promise<void> {
    asks.value += 1
    // A read of the cache still under way for another conversation is dropped.
    token += 1
    resetEarlier()
    openId.value = conversation.id
    fromServer.value = true
    detail.value = { conversation, messages: [], messagesCached: false, earlierMessages: 'none' }
    error.value = null
    isLoading.value = false
    return fetchMessages(conversation.id)
  }

  /**
   * Reads the thread further back by a window: the messages older than the oldest shown, from the
   * cache first, then from the server, added above those shown. Only those come: reading the
   * window again with them cost more at every press the further back the supervisor had read.
   * A read of the chat under way meanwhile goes on; what it brings is newer.
   */
  async function showEarlier(): Promise<void> {
    const id = openId.value
    const shown = detail.value
    const before = shown?.messages[0]?.id
    if (id === null || shown === null || before === undefined || fromServer.value || isLoadingEarlier.value || shown.earlierMessages === 'none') return
    // The detail stays bounded however far back the supervisor goes.
    const page = Math.min(THREAD_WINDOW, THREAD_WINDOW_MAX - shown.messages.length)
    if (page <= 0) return
    const mine = ++earlierToken
    isLoadingEarlier.value = true
    earlierError.value = null
    try {
      const input = { id, newest: page, before }
      const value = shown.earlierMessages === 'server' ? await call('conversations:loadEarlierMessages', input) : await call('conversations:get', input)
      if (mine === earlierToken) showOlder(value)
    } catch (failure) {
      if (mine === earlierToken) earlierError.value = errorCode(failure)
    } finally {
      if (mine === earlierToken) isLoadingEarlier.value = false
    }
  }

  function open(id: Id): Promise<void> {
    asks.value += 1
    return readAnew(id)
  }

  /** Reads a chat from the cache as it opens; also when tried again, which the supervisor did not ask to see anew. */
  function readAnew(id: Id): Promise<void> {
    fromServer.value = false
    if (openId.value !== id) resetEarlier()
    openId.value = id
    if (detail.value?.conversation.id !== id) detail.value = null
    error.value = null
    messagesError.value = null
    messagesToken += 1
    isLoadingMessages.value = false
    return read(id, false)
  }

  function retry(): Promise<void> {
    if (openId.value === null) return Promise.resolve()
    return fromServer.value ? fetchMessages(openId.value) : readAnew(openId.value)
  }

  // An open chat's id, under other data the server now holds, is another customer's.
  useWorkspaceStore().onOtherData(() => close())

  function close(): void {
    token += 1
    messagesToken += 1
    openId.value = null
    fromServer.value = false
    detail.value = null
    error.value = null
    messagesError.value = null
    isLoading.value = false
    isLoadingMessages.value = false
    resetEarlier()
  }

  /** Keeps the open conversation current when the cache changes under it. */
  function start(): void {
    if (unsubscribe) return
    const offCache = subscribe('cache:changed', (change) => {
      const id = openId.value
      if (id !== null && !fromServer.value && (change.reset || change.conversationIds.includes(id))) void read(id, true)
    })
    // A thread that could not load offline loads by itself once the connection is back: as the
    // status becomes online, not at every state told while it is (each sync moves lastSyncedAt),
    // which fetched a thread that failed under Online again and again. The cache is read first:
    // the core may have written the thread since the page gave up on it.
    let status: ConnectionStatus | null = null
    const offConnection = subscribe('connection:changed', (state) => {
      const back = state.status === 'online' && status !== 'online'
      status = state.status
      const id = openId.value
      if (!back || id === null || messagesError.value !== 'offline') return
      if (fromServer.value) void fetchMessages(id)
      else void read(id, true)
    })
    // A notification or the tray asks to show a conversation.
    const offOpen = subscribe('app:openConversation', ({ id }) => void open(id))
    // A new search may find a message further back than the thread holds.
    const offSearch = watch(
      () => filters.filters.search.trim(),
      (search) => {
        const id = openId.value
        if (id !== null && search && !fromServer.value) void read(id, true, true)
      },
    )
    unsubscribe = () => {
      offCache()
      offConnection()
      offOpen()
      offSearch()
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return {
    openId,
    detail,
    fromServer,
    isLoading,
    isLoadingMessages,
    isLoadingEarlier,
    error,
    messagesError,
    earlierError,
    asks,
    open,
    openFromServer,
    showEarlier,
    retry,
    close,
    start,
    stop,
  }
})
