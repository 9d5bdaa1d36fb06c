/** Helpers for tests against the real reference server over HTTP on 127.0.0.1. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../../server/index'
import { ConversationsPage, StatsResponse, WorkspaceResponse, type StatsResponse as Stats } from '../../../shared/api'
import { Conversation } from '../../../shared/domain'
import { cacheFile, createCore, type Core, type CoreOptions } from '../../../electron/main/core'
import { openDatabase, type Database } from '../../../electron/main/db/connection'

export type { ReferenceServer }

/** Things to undo after a test, newest first. */
export class Cleanup {
  private readonly steps: (() => unknown)[] = []
  add(step: () => unknown): void {
    this.steps.push(step)
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step()
  }
}

export function tempDir(cleanup: Cleanup, prefix = 'observe-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanup.add(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function startServer(cleanup: Cleanup, options: ReferenceServerOptions): Promise<ReferenceServer> {
  const server = await startReferenceServer({ sim: false, demo: true, heartbeatMs: 200, ...options })
  cleanup.add(() => server.close())
  return server
}

/** A plain API client for the test's own view of the server. */
export class Api {
  private token: string | null = null
  constructor(private readonly server: ReferenceServer) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    this.token ??= ((await this.raw('POST', '/auth/sign-in', this.server.credentials)) as { token: string }).token
    return this.raw(method, path, body)
  }

  private async raw(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.server.url}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`)
    return res.json()
  }

  async stats(resolvedSince: number): Promise<Stats> {
    return StatsResponse.parse(await this.call('GET', `/stats?resolvedSince=${resolvedSince}`))
  }

  async workspace(): Promise<WorkspaceResponse> {
    return WorkspaceResponse.parse(await this.call('GET', '/workspace'))
  }

  async conversationIds(resolvedSince: number): Promise<number[]> {
    const ids: number[] = []
    let after = 0
    for (;;) {
      const page = ConversationsPage.parse(await this.call('GET', `/conversations?after=${after}&limit=1000&resolvedSince=${resolvedSince}`))
      ids.push(...page.items.map((item) => Conversation.parse(item).id))
      if (page.nextAfter === null) return ids
      after = page.nextAfter
    }
  }

  /** The customer of a conversation writes again, now (demo mode). */
  async write(conversationId: number, text: string): Promise<void> {
    await this.call('POST', `/demo/conversations/${conversationId}/messages`, { text })
  }

  async createDemoConversation(customerName = 'Delta Customer'): Promise<Conversation> {
    const created = (await this.call('POST', '/demo/conversations', { customerName })) as unknown
    const parsed = Conversation.safeParse(created)
    if (parsed.success) return parsed.data
    return Conversation.parse((created as { conversation: unknown }).conversation)
  }
}

export interface CoreHandle {
  core: Core
  dataDir: string
  logs: { level: string; message: string }[]
}

export async function startCore(cleanup: Cleanup, server: { url: string; credentials: { email: string; password: string } }, dataDir: string, extra: Partial<CoreOptions> = {}): Promise<CoreHandle> {
  const logs: { level: string; message: string }[] = []
  const core = createCore({
    dataDir,
    backend: { kind: 'reference', baseUrl: server.url, ...server.credentials },
    log: (level, message) => logs.push({ level, message }),
    sync: { backoff: { baseMs: 50, maxMs: 300 }, streamIdleTimeoutMs: 2000, eventIntervalMs: 50 },
    ...extra,
  })
  await core.start()
  cleanup.add(() => core.stop())
  return { core, dataDir, logs }
}

/** A second connection to the core's cache file, to look at it as the test sees fit. */
export function openCache(cleanup: Cleanup, dataDir: string): Database {
  const db = openDatabase(cacheFile(dataDir))
  cleanup.add(() => db.close())
  return db
}

export async function ipc<T>(core: Core, channel: string, input: unknown = {}): Promise<T> {
  const result = await core.handle(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

export const connectionStatus = async (core: Core): Promise<string> => (await ipc<{ status: string }>(core, 'connection:get')).status
