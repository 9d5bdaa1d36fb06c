import type { LogLevel } from '../../log'
import type { PackedConversationPage } from '../backend'
import { BackendError, CursorExpiredError, type BackendErrorKind } from '../errors'

/** What the page thread needs to reach the server; the token comes with each request. */
export interface PageThreadData {
  /** The API root, e.g. http://host/api/v1/. */
  apiBase: string
  timeoutMs: number
}

/** GET one page of GET /conversations. */
export interface PageRequest {
  id: number
  path: string
  params: Record<string, unknown>
  token: string
}

/** A BackendError as plain data, to cross the thread boundary. */
export interface WireError {
  kind: BackendErrorKind
  message: string
  status?: number
  body?: unknown
}

/** The answer to one request. */
export type PageAnswer = { id: number; ok: true; page: PackedConversationPage } | { id: number; ok: false; error: WireError }

/** An answer, or a line for the main thread's log (a skipped record). */
export type PageReply = PageAnswer | { log: { level: LogLevel; message: string; data?: unknown } }

export const errorToWire = (error: BackendError): WireError => ({ kind: error.kind, message: error.message, status: error.status, body: error.body })

export const errorFromWire = (wire: WireError): BackendError =>
  wire.kind === 'cursor_expired' ? new CursorExpiredError(wire.message) : new BackendError(wire.kind, wire.message, wire.status, wire.body)
