import type { ThreadSlice } from '../backend/backend'
import type { SyncWriter } from './sync-writer'

export interface ThreadLoaderOptions {
  writer: SyncWriter
  now: () => number
  /** A stopped sync tells no one of what it wrote. */
  stopped: () => boolean
  /** Told of a conversation whose thread was written. */
  changed: (conversationIds: number[]) => void
}

/** Threads fetched for the supervisor (opened, or scrolled back in), written as the sync's own writes. */
export class ThreadLoader {
  /** Threads being fetched for the supervisor, with how many fetches of each are under way. */
  private readonly loadingThreads = new Map<number, number>()

  constructor(private readonly options: ThreadLoaderOptions) {}

  /** The conversations whose thread is being fetched now. */
  loading(): number[] {
    return [...this.loadingThreads.keys()]
  }

  /**
   * Fetches a thread the supervisor opened and writes it through the writer like the sync's own
   * writes: on the main connection it would wait for the writer's transaction (a bootstrap's last
   * up to 174 ms), holding every IPC answer meanwhile. Until it is written the thread does not
   * count as cached, so live batches committed in between keep its messages all the same: the
   * server may have answered before they were written.
   */
  async loadThread(conversationId: number, fetch: () => Promise<ThreadSlice>): Promise<void> {
    this.loadingThreads.set(conversationId, (this.loadingThreads.get(conversationId) ?? 0) + 1)
    try {
      const slice = await fetch()
      // Its messages may say since when the customer waits, which the row only estimated: a thread
      // with records that did not parse may hide an answer among them, so it settles nothing.
      await this.options.writer.run({
        kind: 'thread-loaded',
        conversationId,
        messages: slice.messages,
        earlier: slice.earlier,
        at: this.options.now(),
        trusted: (slice.dropped ?? 0) === 0,
      })
      this.threadWritten(conversationId)
    } finally {
      const left = this.loadingThreads.get(conversationId)! - 1
      if (left === 0) this.loadingThreads.delete(conversationId)
      else this.loadingThreads.set(conversationId, left)
    }
  }

  /** Fetches messages older than a cached thread's oldest, as the supervisor scrolls back, and writes them likewise. */
  async loadEarlierMessages(conversationId: number, fetch: () => Promise<ThreadSlice>): Promise<void> {
    const slice = await fetch()
    await this.options.writer.run({ kind: 'thread-earlier', conversationId, messages: slice.messages, earlier: slice.earlier, now: this.options.now() })
    this.threadWritten(conversationId)
  }

  /**
   * Said like any change of the conversation: the page that asked may have stopped waiting for the
   * answer (the call lost, or given up on), and went on saying the thread was not there; and a list
   * under a search may now find the chat by the text of its messages.
   */
  private threadWritten(conversationId: number): void {
    if (!this.options.stopped()) this.options.changed([conversationId])
  }
}
