/**
 * The reference backend's page thread: fetches bootstrap pages, parses and validates them, and
 * answers with the valid records packed (see ../packed.ts), so none of that work nor the page's
 * objects land on the main thread, which serves IPC.
 */
import { parentPort, workerData } from 'node:worker_threads'
import axios from 'axios'
import { ConversationsPage } from '../../../../shared/api'
import type { Log } from '../../log'
import { packConversations } from '../packed'
import { REQUEST_LIMITS, parseResponse, toBackendError } from './http'
import type { PageAnswer, PageReply, PageRequest, PageThreadData } from './page-protocol'
import { errorToWire } from './page-protocol'
import { parseConversations } from './parse'

const port = parentPort
if (!port) throw new Error('page-worker runs as a worker thread')
const data = workerData as PageThreadData
const http = axios.create({ baseURL: data.apiBase, timeout: data.timeoutMs, ...REQUEST_LIMITS })

const post = (reply: PageReply): void => port.postMessage(reply)

/** Skipped records are logged by the main thread's log, like every other line. */
const log: Log = (level, message, fields) => {
  try {
    post({ log: { level, message, data: fields } })
  } catch {
    post({ log: { level, message } })
  }
}

async function fetchPage(request: PageRequest): Promise<PageAnswer> {
  try {
    const res = await http.get(request.path, { params: request.params, headers: { Authorization: `Bearer ${request.token}` } })
    const page = parseResponse('GET', request.path, ConversationsPage, res.data)
    const { items, skippedIds, unidentified } = parseConversations(page.items, log)
    const next = page.nextAfter === null ? null : String(page.nextAfter)
    return { id: request.id, ok: true, page: { packed: packConversations(items), rows: items.length, skippedIds, unidentified, next } }
  } catch (error) {
    return { id: request.id, ok: false, error: errorToWire(toBackendError(error)) }
  }
}

port.on('message', (request: PageRequest) => {
  void fetchPage(request).then((reply) => {
    // The bytes move to the main thread instead of being copied.
    port.postMessage(reply, reply.ok ? [reply.page.packed.buffer as ArrayBuffer] : [])
  })
})
