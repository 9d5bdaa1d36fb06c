/**
 * GET /stream: the change feed as server-sent events. The listener is attached before the backlog is
 * read, and every event goes through one writer that drops seqs already sent, so a change committed
 * while the backlog is being written is neither lost nor sent twice.
 */
import type { FastifyInstance } from 'fastify'
import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import { API_PREFIX, SSE_EVENT_CHANGE, SSE_EVENT_RESET, type ChangeEnvelope } from '../../shared/api'
import type { ServerContext } from '../context'
import { cursorExpired } from '../errors'
import { parseInput } from '../validation'

const Cursor = z.coerce.number().int().nonnegative()
const BACKLOG_PAGE = 500

function waitForDrain(raw: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      raw.off('drain', done)
      raw.off('close', done)
      resolve()
    }
    raw.on('drain', done)
    raw.on('close', done)
  })
}

export function registerStreamRoute(app: FastifyInstance, context: ServerContext): void {
  const { feed } = context.store

  app.get(`${API_PREFIX}/stream`, async (request, reply) => {
    const query = request.query as { after?: unknown }
    const lastEventId = request.headers['last-event-id']
    const after = parseInput(Cursor, lastEventId ?? query.after ?? feed.seq, lastEventId === undefined ? 'query.after' : 'header Last-Event-ID')

    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    raw.flushHeaders()

    let lastSent = after
    let sent = 0
    // A fault knob: the connection drops after this many change events, as a flaky proxy would.
    const dropAfter = context.faults.dropStreamAfter
    let catchingUp = true
    let closed = false
    const queued: ChangeEnvelope[] = []

    const send = (change: ChangeEnvelope): void => {
      if (closed || change.seq <= lastSent) return
      lastSent = change.seq
      raw.write(`id: ${change.seq}\nevent: ${SSE_EVENT_CHANGE}\ndata: ${JSON.stringify(context.faults.change(change))}\n\n`)
      sent++
      if (dropAfter > 0 && sent >= dropAfter) end()
    }
    const unsubscribe = feed.subscribe((change) => (catchingUp ? queued.push(change) : send(change)))
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), context.heartbeatMs)
    heartbeat.unref()

    const end = (): void => {
      if (closed) return
      closed = true
      unsubscribe()
      clearInterval(heartbeat)
      context.streams.delete(end)
      raw.end()
    }
    context.streams.add(end)
    raw.on('close', end)
    const reset = (): void => {
      raw.write(`event: ${SSE_EVENT_RESET}\ndata: ${JSON.stringify(cursorExpired(lastSent).toBody())}\n\n`)
      end()
    }

    if (!feed.isValidCursor(after)) return reset()
    raw.write(': connected\n\n')
    for (;;) {
      // Trimming can overtake a slow reader; then it has to start over like any expired cursor.
      if (!feed.isValidCursor(lastSent)) return reset()
      const page = feed.read(lastSent, BACKLOG_PAGE)
      for (const change of page.changes) send(change)
      // From the last read to switching over nothing awaits, so no commit can fall in between.
      if (!page.hasMore) break
      if (raw.writableNeedDrain) await waitForDrain(raw)
      if (closed) return
    }
    catchingUp = false
    for (const change of queued.splice(0)) send(change)
  })
}
