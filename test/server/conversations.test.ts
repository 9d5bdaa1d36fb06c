import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatsResponse, type ApiError, type ConversationsPage, type MessagesPage } from '../../shared/api'
import { Conversation, Message } from '../../shared/domain'
import { startClient, type Client } from './helpers'

const DAY = 86_400_000

async function walk(client: Client, query: string, limit: number): Promise<Conversation[]> {
  const items: Conversation[] = []
  let after = 0
  for (;;) {
    const reply = await client.get<ConversationsPage>(`/conversations?after=${after}&limit=${limit}${query}`)
    expect(reply.status).toBe(200)
    items.push(...reply.body.items.map((item) => Conversation.parse(item)))
    if (reply.body.nextAfter === null) return items
    expect(reply.body.nextAfter).toBe(items.at(-1)!.id)
    after = reply.body.nextAfter
  }
}

describe('conversations, messages and stats', () => {
  let client: Client
  beforeAll(async () => {
    client = await startClient({ seed: 800 })
  })
  afterAll(() => client.server.close())

  it('keyset paging covers every conversation exactly once, in ascending id', async () => {
    const items = await walk(client, '', 37)
    expect(items).toHaveLength(800)
    expect(new Set(items.map((c) => c.id)).size).toBe(800)
    expect(items.map((c) => c.id)).toEqual([...items.map((c) => c.id)].sort((a, b) => a - b))
  })

  it('leaves out resolved conversations older than resolvedSince but keeps every open one', async () => {
    const since = Date.now() - 7 * DAY
    const all = await walk(client, '', 500)
    const window = await walk(client, `&resolvedSince=${since}`, 100)
    const expected = all.filter((c) => c.status !== 'resolved' || c.resolvedAt! >= since).map((c) => c.id)
    expect(window.map((c) => c.id)).toEqual(expected)
    expect(window.length).toBeLessThan(all.length)
    const queued = await walk(client, '&status=in_queue', 5)
    expect(queued.map((c) => c.id)).toEqual(all.filter((c) => c.status === 'in_queue').map((c) => c.id))
  })

  it('serves one conversation, and 404 for an unknown one', async () => {
    const one = await client.get('/conversations/42')
    expect(Conversation.parse(one.body).id).toBe(42)
    const missing = await client.get<ApiError>('/conversations/999999')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
    const bad = await client.get<ApiError>('/conversations/abc')
    expect(bad.status).toBe(400)
    const badQuery = await client.get<ApiError>('/conversations?limit=5000')
    expect(badQuery.status).toBe(400)
    expect(badQuery.body.error.code).toBe('invalid_request')
  })

  it('pages a thread backwards, newest first, ending on the conversation lastMessage', async () => {
    const conversation = Conversation.parse((await client.get('/conversations/11')).body)
    const seen: Message[] = []
    let before: number | null | undefined
    do {
      const query = before === undefined ? '?limit=2' : `?limit=2&before=${before}`
      const reply = await client.get<MessagesPage>(`/conversations/11/messages${query}`)
      expect(reply.status).toBe(200)
      seen.push(...reply.body.items.map((item) => Message.parse(item)))
      before = reply.body.nextBefore
    } while (before !== null)
    expect(seen.length).toBeGreaterThanOrEqual(1)
    const ids = seen.map((m) => m.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(new Set(ids).size).toBe(ids.length)
    expect(seen.every((m) => m.conversationId === 11)).toBe(true)
    expect(seen[0]!.text).toBe(conversation.lastMessage!.text)
    expect(seen[0]!.createdAt).toBe(conversation.lastMessage!.at)
    const times = seen.map((m) => m.createdAt)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    // Built once: asking again gives the same ids.
    const again = await client.get<MessagesPage>('/conversations/11/messages?limit=200')
    expect(again.body.items.map((m) => (m as Message).id)).toEqual(ids)
  })

  it('counts in /stats what paging the same window returns', async () => {
    for (const since of [0, Date.now() - 3 * DAY]) {
      const stats = StatsResponse.parse((await client.get(`/stats?resolvedSince=${since}`)).body)
      const items = await walk(client, `&resolvedSince=${since}`, 1000)
      const count = (status: Conversation['status']): number => items.filter((c) => c.status === status).length
      expect(stats).toEqual({ all: items.length, in_queue: count('in_queue'), handled: count('handled'), resolved: count('resolved'), seq: stats.seq })
    }
  })
})
