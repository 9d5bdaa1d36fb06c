/**
 * Connects the core to the notification planner. It reads the queue through the core's own IPC
 * router, like any other client, so it needs nothing from the cache's internals. Subscribe it
 * before the core starts, so the bootstrap is recognised as the bootstrap.
 */
import { customerLabel, waitSince, type Conversation } from '../../../shared/domain'
import { isActiveAction, type ConnectionState, type ConversationPage, type OutboxAction, type TabCounts } from '../../../shared/ipc'
import type { Core } from '../core'
import { NotificationPlanner, queueOrder, type Notice, type QueuedChat, type UnreadStretch } from './planner'
import { trayState, type TrayState } from './tray-state'

export interface QueueWatcherOptions {
  core: Core
  planner: NotificationPlanner
  /**
   * `told`: every chat these notices tell, a burst's too (its notice names five): as new, or as
   * waiting too long when `long`.
   */
  onNotices: (notices: Notice[], told: QueuedChat[], long: boolean) => void
  onTray: (state: TrayState) => void
  /** How often to look for chats that have waited too long. */
  overdueEveryMs?: number
  /** Most queued chats to read from each end of a long queue (see readQueue). */
  queueLimit?: number
  /** Least time from one read of the queue to the next (see refresh). */
  readGapMs?: number
}

/**
 * A bootstrap reports changes every frame for as long as it runs, and each read of up to 500
 * queued chats takes a millisecond or more of the main thread (9 ms at its slowest, with 100k
 * cached). A quarter second between reads bounds that, and a change that comes after a quiet
 * spell is still read at once.
 */
export const QUEUE_READ_GAP_MS = 250

/**
 * Most reads (of queueLimit each) from the queue's newest end while every chat read is news: after
 * a long time away, thousands may have come. Past them the notice says "at least".
 */
export const MAX_NEWS_READS = 20

export function toQueuedChat(conversation: Conversation): QueuedChat {
  return {
    id: conversation.id,
    customerName: customerLabel(conversation.customer, conversation.ticketNo),
    channel: conversation.channel,
    // What the customer said: a bot's greeting or the company's template sent after it says nothing of why they wait.
    text: conversation.lastMessage?.direction === 'in' ? conversation.lastMessage.text : '',
    queuedAt: waitSince(conversation),
  }
}

export interface QueueWatcher {
  /** Reads the queue now, e.g. once the cache is open. */
  refresh(): void
  stop(): void
}

export function watchQueue(options: QueueWatcherOptions): QueueWatcher {
  const { core, planner } = options
  let live = false
  /**
   * From a connection lost while live until it is online again. What the catch-up after it brings
   * is told once the cache has caught up, in one notice: told read by read, each read named only
   * the chats its newest end held ("500 new chats waiting" again and again in a long queue), and
   * chats that came and went while away were counted as waiting.
   */
  let away = false
  /** Moves each time the cache has caught up after being away: a read begun before that tells nothing. */
  let returns = 0
  /** Set when the cache first catches up: the read that starts after it is the baseline. */
  let baselineRead: number | null = null
  let reads = 0
  let queue: QueuedChat[] = []
  /** From the core's counts:changed events; read once with the queue until the first one comes. */
  let inQueue: number | null = null
  let reading: Promise<void> | null = null
  let again = false
  /** The read asked for during a read is the baseline one (see refresh). */
  let againNow = false
  /** When the last read began, and the read put off until the gap after it has passed. */
  let lastReadAt = -Infinity
  let putOff: NodeJS.Timeout | null = null
  /** The read that tells the chats the planner gathered, when its cool-down ends. */
  let gatheredRead: NodeJS.Timeout | null = null
  const gapMs = options.readGapMs ?? QUEUE_READ_GAP_MS

  const publishTray = (): void => options.onTray(trayState(inQueue ?? 0, queue, planner.isPaused(), planner.now()))

  async function readQueue(): Promise<void> {
    const read = ++reads
    const since = returns
    // The core recounts on every change it reports and sends counts:changed when they differ, so
    // counting here too would double that work on every read of a bootstrap; only the first read
    // needs it (a cache reopened without changes reports no counts).
    const limit = options.queueLimit ?? 500
    // Read in the same turn as the queue, so both are one state of the cache.
    const [list, counts, outbox] = await Promise.all([
      core.handle('conversations:list', { tab: 'in_queue', limit }),
      inQueue === null ? core.handle('conversations:counts', {}) : null,
      core.handle('outbox:list', {}),
    ])
    if (!list.ok) return
    const held = new Set(outbox.ok ? (outbox.value as { actions: OutboxAction[] }).actions.filter(isActiveAction).map((a) => a.conversationId) : [])
    const oldest = (list.value as ConversationPage).rows.map(toQueuedChat)
    // A queue longer than one read is read from both ends: its oldest chats are the ones waiting too
    // long (and the tray's), its newest the ones to announce. Reads during the bootstrap are only
    // learned, and the baseline read after it comes from both ends, so they need only the one.
    const baseline = live || (baselineRead !== null && read >= baselineRead)
    let unread: UnreadStretch = null
    let moreUnread = false
    queue = oldest
    if (baseline && (list.value as ConversationPage).nextCursor !== null) {
      const after = oldest.at(-1)!
      const newest: QueuedChat[] = []
      let cursor: string | null = null
      // From the newest end, read on while the last chat read is news and the reads have not met
      // the oldest end: a burst longer than one read (the catch-up after a time away) is counted
      // whole. Live, the first read ends among chats seen before.
      for (let pages = 1; ; pages++) {
        // Each read is a millisecond or more of the main thread: not two in one turn of the loop.
        await new Promise((resolve) => setImmediate(resolve))
        const other = await core.handle('conversations:list', { tab: 'in_queue', sort: 'waiting_asc', limit, cursor })
        if (!other.ok) return
        const page = other.value as ConversationPage
        newest.push(...page.rows.map(toQueuedChat))
        cursor = page.nextCursor
        const last = newest.at(-1)
        // The baseline is learned, not told; away, the read after the catch-up counts.
        if (!live || away || cursor === null || !last || queueOrder(last, after) <= 0 || !planner.isNews(last)) break
        if (pages >= MAX_NEWS_READS) {
          moreUnread = true
          break
        }
      }
      const inOldest = new Set(oldest.map((chat) => chat.id))
      queue = [...oldest, ...newest.filter((chat) => !inOldest.has(chat.id))]
      const before = newest.at(-1)
      // Up to twice the limit, the two ends overlap and nothing is left unread.
      if (before && queueOrder(before, after) > 0) unread = { after, before }
    }
    // An event that came during the read is newer than what the read counted.
    if (counts?.ok && inQueue === null) inQueue = (counts.value as TabCounts).in_queue
    if (live) {
      // Away, or back since this read began: the read after the catch-up tells what it brought.
      if (away || since !== returns) return publishTray()
      const { notices, told } = planner.announce(queue, unread, held, moreUnread)
      if (notices.length > 0) options.onNotices(notices, told, false)
      readWhenGatheredDue()
    } else {
      // Until the cache has caught up once, what arrives is the bootstrap, not news.
      planner.learn(queue, unread, held)
      if (baseline) live = true
    }
    publishTray()
  }

  /**
   * The chats gathered during a cool-down are told by a read when it ends, whether or not the queue
   * changes again: the stream that brought them may have stopped. Away, none is set: the read after
   * the catch-up tells them with what it brought.
   */
  function readWhenGatheredDue(): void {
    if (gatheredRead) clearTimeout(gatheredRead)
    gatheredRead = null
    const due = planner.gatheredDueAt()
    if (due === null) return
    gatheredRead = setTimeout(() => {
      gatheredRead = null
      refresh()
    }, Math.max(0, due - planner.now()))
    gatheredRead.unref()
  }

  /**
   * One read at a time, at least the gap apart; changes during a read or a gap cause exactly one
   * more. `now` skips the gap: the baseline read must see the cache as it was when it caught up,
   * or a chat arriving within the gap would be learned as part of the bootstrap, never announced.
   */
  function refresh(now = false): void {
    if (reading) {
      again = true
      againNow ||= now
      return
    }
    if (now && putOff) {
      clearTimeout(putOff)
      putOff = null
    }
    if (putOff) return
    const wait = lastReadAt + gapMs - performance.now()
    if (wait > 0 && !now) {
      putOff = setTimeout(() => {
        putOff = null
        refresh()
      }, wait)
      return
    }
    lastReadAt = performance.now()
    reading = readQueue().finally(() => {
      reading = null
      if (again) {
        const urgent = againNow
        again = false
        againNow = false
        refresh(urgent)
      }
    })
  }

  const offs = [
    core.on('cache:changed', () => refresh()),
    core.on('counts:changed', (counts: TabCounts) => {
      inQueue = counts.in_queue
      publishTray()
    }),
    core.on('connection:changed', (state: ConnectionState) => {
      if (live && state.status !== 'online') away = true
      else if (away && state.status === 'online') {
        away = false
        returns++
        refresh(true)
      }
      if (state.status === 'online' && !live && baselineRead === null) {
        // A read in flight started before this moment; the next one (queued or new) did not.
        baselineRead = reads + 1
        refresh(true)
      }
    }),
  ]
  let trayDay = new Date(planner.now()).toDateString()
  const timer = setInterval(() => {
    // The tray names the day of a wait that began before today, so a new day redraws it.
    const today = new Date(planner.now()).toDateString()
    if (today !== trayDay) {
      trayDay = today
      if (reads > 0) publishTray()
    }
    // Until the cache has caught up, the queue read so far is part of it: a backlog would be
    // announced piecemeal, a few chats per check, as the bootstrap brings them in.
    if (!live) return
    const { notices, told } = planner.alertOverdue(queue)
    if (notices.length > 0) options.onNotices(notices, told, true)
  }, options.overdueEveryMs ?? 15_000)
  timer.unref()

  return {
    refresh: () => refresh(),
    stop() {
      clearInterval(timer)
      if (putOff) clearTimeout(putOff)
      if (gatheredRead) clearTimeout(gatheredRead)
      for (const off of offs) off()
    },
  }
}
