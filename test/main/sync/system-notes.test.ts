/**
 * A hand-off note in a thread carries what happened (its event) from the reference server through
 * the cache to the page, so the page can word it in the supervisor's language. The note's English
 * text stays what the cache's search finds.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { Agent } from '../../../shared/domain'
import type { CachedMessage, ConversationDetail, ConversationPage } from '../../../shared/ipc'
import { Witness } from '../outbox/support'
import { Cleanup, connectionStatus, ipc, startCore, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const notesOf = (detail: ConversationDetail): CachedMessage[] => detail.messages.filter((m) => m.sender.kind === 'system')

it("keeps a hand-off note's event, seeded and live, and reads it back to the page", async () => {
  const server = await startServer(cleanup, { seed: 300 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, join(tempDir(cleanup), 'client'))
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const agents = (await witness.get<{ agents: Agent[] }>('/workspace')).agents
  const me = await witness.get<Agent>('/me')

  // A seeded handled chat: its thread's "Conversation assigned to" note names its agent.
  const handled = (await ipc<ConversationPage>(core, 'conversations:list', { tab: 'handled', limit: 1 })).rows[0]!
  const seeded = notesOf(await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id: handled.id }))
  const handler = agents.find((a) => a.id === handled.agentId)!
  expect(seeded.map((m) => m.event)).toEqual([{ kind: 'assigned', to: { id: handler.id, name: handler.name } }])

  // A queued chat whose thread is open, assigned on the server: the live note comes with its event.
  const queued = (await ipc<ConversationPage>(core, 'conversations:list', { tab: 'in_queue', limit: 1 })).rows[0]!
  await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id: queued.id })
  const agent = agents.find((a) => a.role === 'agent' && a.presence === 'online')!
  expect((await witness.post(`/conversations/${queued.id}/assign`, { agentId: agent.id, overrideQuota: true })).status).toBe(200)
  await expect
    .poll(async () => notesOf(await ipc<ConversationDetail>(core, 'conversations:get', { id: queued.id })).map((m) => [m.text, m.event]), { timeout: 10_000 })
    .toEqual([[`Assigned to ${agent.name} by ${me.name}`, { kind: 'assigned', to: { id: agent.id, name: agent.name }, by: { id: me.id, name: me.name } }]])

  // The search finds the note's English text, as before, and no wording the page gives it.
  const found = async (search: string): Promise<number[]> =>
    (await ipc<ConversationPage>(core, 'conversations:list', { tab: 'all', limit: 500, filters: { search } })).rows.map((row) => row.id)
  expect(await found(`Assigned to ${agent.name}`)).toEqual([queued.id])
  expect(await found('Ditugaskan')).toEqual([])
})
