import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SearchPage, type ApiError, type ConversationsPage } from '../../shared/api'
import { Conversation } from '../../shared/domain'
import { ConversationActions } from '../../server/actions'
import { openReferenceStore } from '../../server/store'
import { startClient, type Client } from './helpers'

async function everything(client: Client): Promise<Conversation[]> {
  const items: Conversation[] = []
  let after = 0
  for (;;) {
    const page = (await client.get<ConversationsPage>(`/conversations?after=${after}&limit=1000`)).body
    items.push(...page.items.map((item) => Conversation.parse(item)))
    if (page.nextAfter === null) return items
    after = page.nextAfter
  }
}

async function search(client: Client, query: string): Promise<Omit<SearchPage, 'items'> & { items: Conversation[] }> {
  const reply = await client.get<SearchPage>(`/conversations/search?${query}`)
  expect(reply.status, JSON.stringify(reply.body)).toBe(200)
  const page = SearchPage.parse(reply.body)
  return { ...page, items: page.items.map((item) => Conversation.parse(item)) }
}

const newestResolvedFirst = (a: Conversation, b: Conversation): number => b.resolvedAt! - a.resolvedAt! || b.id - a.id
const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)

describe('searching resolved history', () => {
  let client: Client
  let all: Conversation[]
  let resolved: Conversation[]
  beforeAll(async () => {
    client = await startClient({ seed: 1500 })
    all = await everything(client)
    resolved = all.filter((c) => c.status === 'resolved')
  })
  afterAll(() => client.server.close())

  it('finds exactly the resolved conversations whose name or handle has a word starting with the query, newest resolved first', async () => {
    const first = words(resolved[10]!.customer.name)[0]!
    const q = first.slice(0, Math.max(3, first.length - 1))
    const expected = resolved
      .filter((c) => [...words(c.customer.name), ...words(c.customer.handle)].some((word) => word.startsWith(q)))
      .sort(newestResolvedFirst)
    const page = await search(client, `q=${encodeURIComponent(q)}&limit=200`)
    expect(expected.length).toBeGreaterThan(1)
    expect(page.items.map((c) => c.id)).toEqual(expected.slice(0, 200).map((c) => c.id))
  })

  it('gives the same answer when the query matches a large share of history (the walk plan)', async () => {
    // Phone numbers all start with 62: far more matches than sqrt(limit * rows), so the server walks
    // resolved history newest first instead of sorting every match.
    const expected = resolved
      .filter((c) => c.customer.handle.startsWith('+62') || [...words(c.customer.name), ...words(c.customer.handle)].some((word) => word.startsWith('62')))
      .sort(newestResolvedFirst)
    expect(expected.length).toBeGreaterThan(400)
    const seen: number[] = []
    let cursor = ''
    for (;;) {
      const page = await search(client, `q=62&limit=100${cursor}`)
      seen.push(...page.items.map((c) => c.id))
      if (page.nextBefore === null) break
      cursor = `&before=${page.nextBefore}&beforeId=${page.nextBeforeId}`
    }
    expect(seen).toEqual(expected.map((c) => c.id))
  })

  it('pages with the before/beforeId cursor without gaps or repeats', async () => {
    const q = 'gmail'
    const full = await search(client, `q=${q}&limit=200`)
    expect(full.items.length).toBeGreaterThan(20)
    const seen: number[] = []
    let cursor = ''
    for (;;) {
      const page = await search(client, `q=${q}&limit=7${cursor}`)
      seen.push(...page.items.map((c) => c.id))
      if (page.nextBefore === null) break
      expect(page.nextBefore).toBe(page.items.at(-1)!.resolvedAt)
      expect(page.nextBeforeId).toBe(page.items.at(-1)!.id)
      cursor = `&before=${page.nextBefore}&beforeId=${page.nextBeforeId}`
    }
    expect(seen).toEqual(full.items.map((c) => c.id))
    // before alone: everything resolved strictly earlier.
    const pivot = full.items[5]!
    const older = await search(client, `q=${q}&limit=200&before=${pivot.resolvedAt}`)
    expect(older.items.map((c) => c.id)).toEqual(full.items.filter((c) => c.resolvedAt! < pivot.resolvedAt!).map((c) => c.id))
  })

  it('finds a customer by full name, by handle and by phone digits as typed locally', async () => {
    const target = resolved.find((c) => c.customer.handle.startsWith('+62 '))!
    const byName = await search(client, `q=${encodeURIComponent(target.customer.name)}&limit=200`)
    expect(byName.items.map((c) => c.id)).toContain(target.id)
    expect(byName.items.every((c) => c.status === 'resolved')).toBe(true)
    const digits = target.customer.handle.replace(/\D/g, '')
    for (const typed of [`0${digits.slice(2, 8)}`, digits.slice(0, 9), target.customer.handle]) {
      const page = await search(client, `q=${encodeURIComponent(typed)}&limit=200`)
      expect(page.items.map((c) => c.id), typed).toContain(target.id)
    }
    const mail = resolved.find((c) => c.customer.handle.includes('@') && !c.customer.handle.startsWith('@'))!
    const byMail = await search(client, `q=${encodeURIComponent(mail.customer.handle)}&limit=200`)
    expect(byMail.items.map((c) => c.id)).toContain(mail.id)
  })

  it('finds a ticket by its number, and leaves out open conversations', async () => {
    const target = resolved[42]!
    for (const q of [String(target.ticketNo), `#${target.ticketNo}`]) {
      const page = await search(client, `q=${encodeURIComponent(q)}`)
      expect(page.items.map((c) => c.id)).toContain(target.id)
    }
    const open = all.find((c) => c.status !== 'resolved')!
    expect((await search(client, `q=${open.ticketNo}`)).items.map((c) => c.id)).not.toContain(open.id)
    expect((await search(client, 'q=zzqqxxyy')).items).toEqual([])
    expect((await search(client, `q=${encodeURIComponent('--')}`)).items).toEqual([])
  })

  it('answers 400 for a missing or too short query and a bad limit', async () => {
    for (const query of ['', 'q=a', 'q=%20%20', 'q=ab&limit=500', 'q=ab&before=-1']) {
      const reply = await client.get<ApiError>(`/conversations/search?${query}`)
      expect(reply.status, query).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
    }
  })
})

describe('the search index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-search-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('takes in conversations created later, and is rebuilt for a file that has none', () => {
    const file = join(dir, 'search.db')
    let store = openReferenceStore({ file, seed: 50, changeRetention: 1000 })
    try {
      const actions = new ConversationActions(store)
      const created = actions.arrive({ channel: 'email', customerName: 'Zebulon Quartermaine', customerHandle: 'zeb.q@example.org', text: 'Hi', now: Date.now() })
      expect(store.search.search({ q: 'Zebulon', limit: 10 }).items).toEqual([])
      const closed = actions.resolve(created.id, Date.now())
      expect(store.search.search({ q: 'zebulon quarter', limit: 10 }).items).toEqual([closed])
      expect(store.search.search({ q: 'zeb.q@example', limit: 10 }).items).toEqual([closed])
      // As a file from before search existed: no index, no trigger, no marker.
      store.db.exec("DROP TRIGGER conversations_search_insert; DROP TABLE conversation_search; DELETE FROM meta WHERE key = 'searchIndex'")
    } finally {
      store.close()
    }
    store = openReferenceStore({ file, seed: 50, changeRetention: 1000 })
    try {
      expect(store.search.search({ q: 'Quartermaine', limit: 10 }).items.map((c) => c.id)).toHaveLength(1)
    } finally {
      store.close()
    }
  })
})
