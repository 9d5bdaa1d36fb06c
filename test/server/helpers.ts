/** Talks to a real reference server over HTTP on 127.0.0.1, the way the app does. */
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { API_PREFIX, SignInResponse } from '../../shared/api'
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../server/index'

export interface Reply<T = unknown> {
  status: number
  body: T
}

export interface Client {
  server: ReferenceServer
  token: string
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<Reply<T>>
  post<T = unknown>(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply<T>>
}

export async function request<T = unknown>(
  server: ReferenceServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const response = await fetch(`${server.url}${API_PREFIX}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  return { status: response.status, body: (await response.json()) as T }
}

export async function signIn(server: ReferenceServer, email = server.credentials.email, password = server.credentials.password): Promise<string> {
  const reply = await request(server, 'POST', '/auth/sign-in', { body: { email, password } })
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${JSON.stringify(reply.body)}`)
  return SignInResponse.parse(reply.body).token
}

export async function connect(server: ReferenceServer): Promise<Client> {
  const token = await signIn(server)
  return {
    server,
    token,
    get: (path, headers) => request(server, 'GET', path, { token, headers }),
    post: (path, body, headers) => request(server, 'POST', path, { token, body, headers }),
  }
}

export async function startClient(options: ReferenceServerOptions = {}): Promise<Client> {
  return connect(await startReferenceServer({ sim: false, seed: 200, ...options }))
}

/** Polls until the condition holds; tests wait for states, never for durations. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface EventStream {
  status: number
  contentType: string | null
  events: EventSourceMessage[]
  comments: string[]
  ended: boolean
  close(): void
}

/** Opens GET /stream and collects its events as they come. */
export async function openStream(client: Client, options: { after?: number; lastEventId?: string } = {}): Promise<EventStream> {
  const controller = new AbortController()
  const query = options.after === undefined ? '' : `?after=${options.after}`
  const response = await fetch(`${client.server.url}${API_PREFIX}/stream${query}`, {
    headers: {
      authorization: `Bearer ${client.token}`,
      ...(options.lastEventId === undefined ? {} : { 'last-event-id': options.lastEventId }),
    },
    signal: controller.signal,
  })
  const stream: EventStream = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events: [],
    comments: [],
    ended: false,
    close: () => controller.abort(),
  }
  const parser = createParser({
    onEvent: (event) => stream.events.push(event),
    onComment: (comment) => stream.comments.push(comment.trim()),
  })
  void (async () => {
    const decoder = new TextDecoder()
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }))
    } catch {
      // Aborted by close(), or the server went away: either way the stream is over.
    }
    stream.ended = true
  })()
  return stream
}
