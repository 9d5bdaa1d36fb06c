import axios, { type AxiosInstance, type Method } from 'axios'
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { z } from 'zod'
import { API_PREFIX, ApiError, SignInResponse } from '../../../../shared/api'
import type { Agent } from '../../../../shared/domain'
import { BackendError, CursorExpiredError, TimedOutError } from '../errors'
import { ServerClock } from '../server-clock'

export interface ReferenceCredentials {
  baseUrl: string
  email: string
  /** Absent when resuming a stored session: once its token is refused, only the user can sign in again. */
  password?: string
  /** A session from an earlier sign-in, used until it expires or the server refuses it. */
  session?: ReferenceSession
  /** Told every new session, so it can be kept for the next start. */
  onSession?: (session: ReferenceSession) => void
  /** A session without a password ended (expired or refused). */
  onSessionLost?: () => void
}

export interface ReferenceSession {
  token: string
  expiresAt: number
  me: Agent
}

/**
 * Limits on every request to the Interaction API. An answer bigger than any the API gives (a page
 * of 1,000 conversations is about 1 MB) is refused rather than held in memory; and no redirect is
 * followed: the API answers at its own address, and a sign-in's password would go along to
 * wherever a redirect pointed.
 */
export const REQUEST_LIMITS = { maxContentLength: 32 * 1024 * 1024, maxRedirects: 0 } as const

/** Maps any axios failure onto the few kinds the sync acts on. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error
  if (axios.isAxiosError(error)) {
    const status = error.response?.status
    // An answer over the limit is the server's fault, not the network's (axios gives it no status).
    if (status === undefined && error.message.startsWith('maxContentLength')) return new BackendError('protocol', error.message)
    // Axios's own timeout (ECONNABORTED; an ETIMEDOUT would be the system's, failing to connect).
    if (status === undefined && error.code === 'ECONNABORTED') return new TimedOutError(error.message)
    if (status === undefined) return new BackendError('network', error.message || 'network error')
    const body = ApiError.safeParse(error.response?.data)
    const code = body.success ? body.data.error.code : undefined
    const message = body.success ? body.data.error.message : `HTTP ${status}`
    if (status === 410 || code === 'cursor_expired') return new CursorExpiredError(message)
    if (status === 401) return new BackendError('auth', message, status)
    if (status === 404) return new BackendError('not_found', message, status, error.response?.data)
    if (status >= 500 || status === 429 || status === 408) return new BackendError('server', message, status)
    return new BackendError('protocol', message, status, error.response?.data)
  }
  return new BackendError('protocol', error instanceof Error ? error.message : String(error))
}

/** A response body checked against its schema; a mismatch is the server's protocol error. */
export function parseResponse<S extends z.ZodType>(method: Method, path: string, schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new BackendError('protocol', `${method} ${path}: unexpected response: ${parsed.error.message}`)
  return parsed.data
}

/** Bearer-token HTTP to the Interaction API: signs in lazily and once more when a token is refused. */
export class ReferenceHttp {
  private readonly axios: AxiosInstance
  private session: ReferenceSession | null = null
  private signingIn: Promise<ReferenceSession> | null = null
  /** Aborted by close(), so shutting down never waits on a request timeout. */
  private readonly abort = new AbortController()
  private agents: { http: HttpAgent; https: HttpsAgent } | null = null

  constructor(
    private readonly credentials: ReferenceCredentials,
    readonly timeoutMs = 15_000,
    /** Reads the server's clock off every answer. */
    private readonly clock = new ServerClock(),
  ) {
    this.axios = axios.create({ baseURL: new URL(API_PREFIX, credentials.baseUrl).toString(), timeout: timeoutMs, ...REQUEST_LIMITS })
    this.session = credentials.session ?? null
    this.dropConnections()
  }

  /**
   * New connections from here on: agents of its own (keeping connections alive, as Node's global
   * one does), so that those kept across a sleep, dead or not, can be dropped without touching any
   * other client in the process.
   */
  dropConnections(): void {
    const old = this.agents
    this.agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }
    this.axios.defaults.httpAgent = this.agents.http
    this.axios.defaults.httpsAgent = this.agents.https
    old?.http.destroy()
    old?.https.destroy()
  }

  get apiBase(): string {
    return new URL(API_PREFIX, this.credentials.baseUrl).toString()
  }

  async signIn(): Promise<ReferenceSession> {
    // The expiry is the server's time: by this computer's clock, a PC running hours ahead would
    // take a fresh token for expired.
    if (this.session && this.session.expiresAt > this.clock.now() + 60_000) return this.session
    const password = this.credentials.password
    if (password === undefined) {
      this.session = null
      this.credentials.onSessionLost?.()
      throw new BackendError('auth', 'The session has ended; sign in again', 401)
    }
    // Concurrent callers share one sign-in request instead of racing several.
    this.signingIn ??= this.post('/auth/sign-in', { email: this.credentials.email, password })
      .then((data) => {
        const parsed = SignInResponse.safeParse(data)
        if (!parsed.success) throw new BackendError('protocol', `sign-in response: ${parsed.error.message}`)
        this.session = { token: parsed.data.token, expiresAt: parsed.data.expiresAt, me: parsed.data.user }
        this.credentials.onSession?.(this.session)
        return this.session
      })
      .finally(() => {
        this.signingIn = null
      })
    return this.signingIn
  }

  /** The bearer token, signing in when needed. */
  async token(): Promise<string> {
    return (await this.signIn()).token
  }

  close(): void {
    this.abort.abort()
    this.agents?.http.destroy()
    this.agents?.https.destroy()
  }

  /** Forget the token after the server refused it, so the next call signs in again. */
  dropSession(): void {
    this.session = null
  }

  /**
   * Runs a request with the bearer token, signing in again once when the server refuses it. The
   * request throws BackendErrors (any other failure is mapped onto one).
   */
  async withToken<T>(request: (token: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token()
      try {
        return await request(token)
      } catch (error) {
        const mapped = toBackendError(error)
        if (mapped.kind === 'auth' && attempt === 0) {
          this.dropSession()
          continue
        }
        throw mapped
      }
    }
  }

  async get<S extends z.ZodType>(path: string, schema: S, params?: Record<string, unknown>): Promise<z.output<S>> {
    return this.authed('GET', path, schema, params)
  }

  /** An authenticated POST; `headers` adds to the bearer token (e.g. Idempotency-Key). */
  async postAuthed<S extends z.ZodType>(path: string, schema: S, data: unknown, headers: Record<string, string> = {}): Promise<z.output<S>> {
    return this.authed('POST', path, schema, undefined, data, headers)
  }

  private async authed<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    params?: Record<string, unknown>,
    data?: unknown,
    headers: Record<string, string> = {},
  ): Promise<z.output<S>> {
    return this.withToken(async (token) => {
      const sentAt = Date.now()
      const res = await this.axios.request({ method, url: path, params, data, headers: { ...headers, Authorization: `Bearer ${token}` }, signal: this.abort.signal })
      this.clock.observe(res.headers['date'], sentAt, Date.now())
      return parseResponse(method, path, schema, res.data)
    })
  }

  private async post(path: string, data: unknown): Promise<unknown> {
    try {
      const sentAt = Date.now()
      const res = await this.axios.post(path, data, { signal: this.abort.signal })
      this.clock.observe(res.headers['date'], sentAt, Date.now())
      return res.data
    } catch (error) {
      throw toBackendError(error)
    }
  }
}
