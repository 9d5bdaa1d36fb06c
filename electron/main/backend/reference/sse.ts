import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { SSE_EVENT_CHANGE, SSE_EVENT_RESET } from '../../../../shared/api'
import type { BackendChange, Subscription, SubscriptionHandlers } from '../backend'
import { BackendError } from '../errors'
import type { Log } from '../../log'
import { parseChange } from './parse'

export interface StreamOptions {
  /** GET /stream, absolute. */
  url: string
  token: () => Promise<string>
  /** Called when the server refuses the token, so the next attempt signs in again. */
  onUnauthorized: () => void
  /** Where to resume: sent as Last-Event-ID. */
  cursor: string
  /** No bytes (not even a heartbeat comment) for this long means the connection is dead. */
  idleTimeoutMs: number
  log: Log
}

/**
 * No change event comes near this (a conversation with its last message is a few kB). Past it
 * without a whole event (heartbeats included: 1 MB of them is weeks of a quiet stream, which is then
 * just opened again), the server has gone wrong: the stream is dropped and opened again, instead of
 * an endless event growing in memory.
 */
export const MAX_EVENT_BYTES = 1024 * 1024

/**
 * Reads the change stream over fetch. Every callback after the first onReset/onError is suppressed,
 * so the caller sees exactly one ending.
 */
export function openChangeStream(options: StreamOptions, handlers: SubscriptionHandlers): Subscription {
  const abort = new AbortController()
  let ended = false
  let idleTimer: NodeJS.Timeout | undefined
  let cursor = options.cursor

  const end = (how: () => void): void => {
    if (ended) return
    ended = true
    clearTimeout(idleTimer)
    abort.abort()
    how()
  }
  const fail = (error: Error): void => end(() => handlers.onError(error))
  const touch = (): void => {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => fail(new BackendError('network', 'the change stream went silent')), options.idleTimeoutMs)
  }

  /**
   * Bytes read since the last event. Comments (heartbeats) do not end the count: sent between the
   * lines of one unfinished event, they kept it from ever growing (a helper's review).
   */
  let unended = 0
  const onEvent = (event: EventSourceMessage): void => {
    unended = 0
    if (ended) return
    if (event.event === SSE_EVENT_RESET) return end(() => handlers.onReset())
    if (event.event !== SSE_EVENT_CHANGE) return
    let raw: unknown
    try {
      raw = JSON.parse(event.data)
    } catch {
      options.log('warn', 'skipped a change event that is not JSON', { id: event.id })
      raw = undefined
    }
    const { seq, change, skipped } = raw === undefined ? { seq: null, change: null, skipped: 'unknown' as const } : parseChange(raw, options.log)
    const next = event.id ?? (seq === null ? null : String(seq))
    if (next !== null) cursor = next
    const changes: BackendChange[] = change ? [change] : []
    handlers.onBatch({
      changes,
      cursor,
      skippedIds: typeof skipped === 'number' ? [skipped] : [],
      unidentified: skipped === 'unknown' ? 1 : 0,
    })
  }

  const parser = createParser({
    onEvent,
    onComment: () => {
      if (!ended) handlers.onHeartbeat()
    },
  })

  const run = async (): Promise<void> => {
    touch()
    const token = await options.token()
    const url = new URL(options.url)
    url.searchParams.set('after', cursor)
    const res = await fetch(url, {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}`, 'Last-Event-ID': cursor },
      signal: abort.signal,
      // As every request to the API: no redirect, which would carry the token along.
      redirect: 'error',
    })
    if (res.status === 401) {
      options.onUnauthorized()
      throw new BackendError('auth', 'the server refused the token', 401)
    }
    if (res.status === 410) return end(() => handlers.onReset())
    if (!res.ok || !res.body) {
      throw new BackendError(res.status >= 500 ? 'server' : 'protocol', `stream: HTTP ${res.status}`, res.status)
    }
    handlers.onOpen()
    touch()
    const decoder = new TextDecoder()
    for await (const chunk of res.body) {
      if (ended) return
      touch()
      unended += (chunk as Uint8Array).byteLength
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))
      if (unended > MAX_EVENT_BYTES) throw new BackendError('protocol', `the change stream sent over ${MAX_EVENT_BYTES} bytes without a whole event`)
    }
    throw new BackendError('network', 'the server closed the change stream')
  }

  run().catch((error: unknown) => {
    if (ended) return
    fail(error instanceof BackendError ? error : new BackendError('network', error instanceof Error ? error.message : String(error)))
  })

  return { close: () => end(() => {}) }
}
