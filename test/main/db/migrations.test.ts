import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DbVersionFromFutureError, migrate, openDatabase, schemaVersion } from '../../../electron/main/db/connection'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { getConversation, listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { listThread, markThreadLoaded, upsertMessages } from '../../../electron/main/db/queries/messages'
import { whoText, type Conversation } from '../../../shared/domain'
import { conversation, message } from '../support/domain'
import { withLaterColumns } from '../support/later-columns'

const dirs: string[] = []
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-migrations-'))
  dirs.push(dir)
  return join(dir, 'data', 'cache.sqlite')
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const latest = MIGRATIONS.at(-1)!.version

describe('migrations', () => {
  it('bring a fresh file to the newest version with STRICT tables and WAL', () => {
    const db = openDatabase(tempFile())
    expect(schemaVersion(db)).toBe(latest)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[]
    for (const name of ['conversations', 'customers', 'agents', 'labels', 'channels', 'messages', 'conversation_labels', 'sync_state']) {
      const table = tables.find((t) => t.name === name)
      expect(table, name).toBeDefined()
      expect(table!.sql, name).toMatch(/STRICT/)
    }
    db.close()
  })

  it('are idempotent when the same file is opened again', () => {
    const file = tempFile()
    const first = openDatabase(file)
    first.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run('42')
    first.close()
    const again = openDatabase(file)
    expect(schemaVersion(again)).toBe(latest)
    expect(again.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: '42' })
    again.close()
  })

  it('give an action queued before 130 the agent its transfer moves the chat from and the dataset it was queued against, and drop its version', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 130))
    const queue = old.prepare(
      `INSERT INTO outbox_actions (idempotency_key, kind, conversation_id, customer_name, agent_id, override_quota, expected_version, state, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, 'x', ?, 0, ?, ?, 0, 0, 0)`,
    )
    queue.run('k1', 'assign', 1, 2, 1, 'queued')
    queue.run('k2', 'transfer', 1, 4, null, 'queued')
    queue.run('k3', 'transfer', 2, 5, 7, 'sending')
    queue.run('k4', 'transfer', 3, 5, 2, 'done')
    old.prepare("INSERT INTO outbox_base (conversation_id, status, agent_id, last_agent_id) VALUES (1, 'in_queue', NULL, NULL), (2, 'handled', 3, 3)").run()
    old.prepare("UPDATE sync_state SET dataset_id = 'ds-1' WHERE id = 1").run()
    old.close()
    const db = openDatabase(file)
    expect(db.prepare('SELECT idempotency_key AS key, from_agent_id AS "from", dataset_id AS dataset FROM outbox_actions ORDER BY id').all()).toEqual([
      { key: 'k1', from: null, dataset: 'ds-1' },
      { key: 'k2', from: 2, dataset: 'ds-1' },
      { key: 'k3', from: 3, dataset: 'ds-1' },
      { key: 'k4', from: null, dataset: 'ds-1' },
    ])
    expect((db.prepare('PRAGMA table_info(outbox_actions)').all() as { name: string }[]).map((c) => c.name)).not.toContain('expected_version')
    db.close()
  })

  it('let a thread cached 2,000 deep by an older build ask the server for earlier messages (0230)', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 230))
    old.transaction(() =>
      withLaterColumns(old, () => {
        upsertConversations(old, [conversation(1), conversation(2), conversation(3)])
        // 1: cut at the old builds' 2,000; 2: a short thread read whole; 3: never opened.
        upsertMessages(old, Array.from({ length: 2000 }, (_, i) => message(i + 1, 1)))
        upsertMessages(old, Array.from({ length: 30 }, (_, i) => message(5000 + i, 2)))
        markThreadLoaded(old, 1, 1)
        markThreadLoaded(old, 2, 1)
      }),
    )()
    old.close()
    const db = openDatabase(file)
    expect(db.prepare('SELECT id, messages_earlier AS earlier FROM conversations ORDER BY id').all()).toEqual([
      { id: 1, earlier: 1 },
      { id: 2, earlier: 0 },
      { id: 3, earlier: 0 },
    ])
    db.close()
  })

  it('settle the times a cache holds that cannot be right as if first seen at the migration, keeping what was sent (0250)', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 250))
    const future = Date.UTC(2099, 0, 1)
    // Written as an older build wrote them: as they came.
    withLaterColumns(old, () =>
      upsertConversations(old, [
        conversation(1, { queuedAt: 0 }),
        conversation(2, { createdAt: future, queuedAt: future, updatedAt: future, lastMessage: { text: 'halo', at: future, direction: 'in' } }),
        conversation(3),
      ]),
    )
    old.close()
    const before = Date.now()
    const db = openDatabase(file)
    const rows = db.prepare('SELECT id, created_at, queued_at, wait_since, updated_at, last_message_at, unclear_times FROM conversations ORDER BY id').all() as Record<string, number | string | null>[]
    expect(rows[0]).toMatchObject({ unclear_times: JSON.stringify({ queuedAt: 0 }), created_at: conversation(1).createdAt })
    expect(rows[0]!.queued_at).toBeGreaterThanOrEqual(before)
    expect(rows[0]!.wait_since).toBe(rows[0]!.queued_at)
    expect(JSON.parse(rows[1]!.unclear_times as string)).toEqual({ createdAt: future, queuedAt: future, updatedAt: future, lastMessageAt: future })
    for (const column of ['created_at', 'queued_at', 'wait_since', 'updated_at', 'last_message_at']) expect(rows[1]![column]).toBeLessThanOrEqual(Date.now())
    expect(rows[2]).toMatchObject({ unclear_times: null, queued_at: conversation(3).queuedAt })
    db.close()
  })

  it('count every open wait of an older build as an estimate to look up, and nothing else (0260)', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 260))
    const later = (id: number, direction: 'in' | 'out') => ({ text: 'x', at: conversation(id).createdAt + 60_000, direction })
    withLaterColumns(old, () =>
      upsertConversations(old, [
        conversation(1, { status: 'handled', lastMessage: later(1, 'in') }),
        conversation(2, { lastMessage: later(2, 'in') }),
        conversation(3, { status: 'handled', lastMessage: later(3, 'out') }),
        conversation(4, { status: 'resolved', resolvedAt: conversation(4).createdAt + 120_000, lastMessage: later(4, 'in') }),
      ]),
    )
    // Still on its first message: nothing came before it.
    withLaterColumns(old, () => upsertConversations(old, [conversation(5)]))
    old.close()
    const db = openDatabase(file)
    expect(db.prepare('SELECT id, awaiting_known AS known FROM conversations ORDER BY id').all()).toEqual([
      { id: 1, known: 0 },
      { id: 2, known: 0 },
      { id: 3, known: 1 },
      { id: 4, known: 1 },
      { id: 5, known: 1 },
    ])
    expect(getConversation(db, 1)!.conversation.awaitingEstimated).toBe(true)
    expect(getConversation(db, 3)!.conversation.awaitingEstimated).toBeUndefined()
    db.close()
  })

  it('keep a cached message whose time cannot be right where the server received it in its thread, keeping what was sent (0270)', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 270))
    const future = Date.UTC(2099, 0, 1)
    const at = (id: number) => message(id, 1).createdAt
    // Written as an older build wrote them: as they came, 1 and 3 at the thread's ends by their times.
    withLaterColumns(old, () => {
      upsertConversations(old, [conversation(1)])
      upsertMessages(old, [
        message(1, 1, { createdAt: 0 }),
        message(2, 1),
        message(3, 1, { createdAt: future }),
        message(4, 1, { createdAt: future }),
        message(5, 1),
      ])
    })
    old.close()
    const db = openDatabase(file)
    expect(db.prepare('SELECT id, created_at, unclear_at FROM messages ORDER BY id').all()).toEqual([
      // The thread's first: placed by the message after it.
      { id: 1, created_at: at(2), unclear_at: 0 },
      { id: 2, created_at: at(2), unclear_at: null },
      // Each by the one before it, that one settled first.
      { id: 3, created_at: at(2), unclear_at: future },
      { id: 4, created_at: at(2), unclear_at: future },
      { id: 5, created_at: at(5), unclear_at: null },
    ])
    const thread = listThread(db, 1, 10).messages
    expect(thread.map((m) => m.id)).toEqual([1, 2, 3, 4, 5])
    expect(thread.map((m) => m.unclearAt)).toEqual([0, undefined, future, future, undefined])
    db.close()
  })

  it("keep a system note cached before notes carried their event, and take the event when the server sends the note again (0290)", () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 290))
    const note = message(1, 1, { sender: { kind: 'system', name: 'System', agentId: null }, text: 'Picked up by Rani' })
    withLaterColumns(old, () => {
      upsertConversations(old, [conversation(1)])
      upsertMessages(old, [note])
    })
    old.close()
    const db = openDatabase(file)
    expect(listThread(db, 1, 10).messages.map((m) => [m.text, m.event])).toEqual([['Picked up by Rani', undefined]])
    const event = { kind: 'picked_up', to: { id: 7, name: 'Rani' }, by: { id: 7, name: 'Rani' } }
    upsertMessages(db, [{ ...note, event }])
    expect(listThread(db, 1, 10).messages.map((m) => [m.text, m.event])).toEqual([['Picked up by Rani', event]])
    db.close()
  })

  it('write again the search documents holding a letter the fold now spells plainly, so a cache indexed before finds "Đặng" by "dang" (0300)', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 300))
    const rows: Conversation[] = [
      conversation(1, { customer: { id: 1, name: 'Đặng Văn Lâm', handle: '+62811001' } }),
      conversation(2, { customer: { id: 2, name: 'Budi', handle: '+62811002' }, lastMessage: { text: 'Paket dari Łódź', at: 1, direction: 'in' } }),
      conversation(3, { customer: { id: 3, name: 'Siti', handle: '+62811003' } }),
    ]
    upsertConversations(old, rows)
    upsertMessages(old, [message(1, 3, { text: 'Alamat: Große Straße 5' })])
    markThreadLoaded(old, 3, 1)
    // The documents as the fold before 0300 wrote them: đ, ł and ß kept as they are.
    const oldFold = (text: string): string => text.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '').toLowerCase()
    const write = old.prepare('INSERT OR REPLACE INTO conversation_search (rowid, who, labels, body) VALUES (?, ?, ?, ?)')
    const bodies = ['halo', 'Paket dari Łódź', 'halo Alamat: Große Straße 5']
    rows.forEach((c, i) => write.run(c.id, oldFold(whoText(c.customer.name, c.customer.handle, c.ticketNo)), 'stqueue', oldFold(bodies[i]!)))
    const found = (db: typeof old, search: string): number[] => listConversations(db, { tab: 'all', filters: { search }, after: null, limit: 50 }).rows.map((c) => c.id)
    expect(found(old, 'dang')).toEqual([])
    old.close()

    const db = openDatabase(file)
    expect(found(db, 'dang van')).toEqual([1])
    expect(found(db, 'lodz')).toEqual([2])
    expect(found(db, 'strasse')).toEqual([3])
    expect(found(db, 'halo')).toEqual([3, 1])
    db.close()
  })

  it('write again the search documents of numbers kept in the local form, so "+62 857" finds "0857-2211-4433" (0310)', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 310))
    const rows: Conversation[] = [
      conversation(1, { customer: { id: 1, name: 'Rahmat', handle: '0857-2211-4433' } }),
      conversation(2, { customer: { id: 2, name: 'Wulan', handle: '+62 857-2211-5500' } }),
    ]
    upsertConversations(old, rows)
    // The documents as Observe wrote them before 0310: the local number's digits alone.
    const write = old.prepare('INSERT OR REPLACE INTO conversation_search (rowid, who, labels, body) VALUES (?, ?, ?, ?)')
    write.run(1, `rahmat 0857-2211-4433 085722114433 ${rows[0]!.ticketNo}`, 'stqueue', 'halo')
    const found = (db: typeof old, search: string): number[] => listConversations(db, { tab: 'all', filters: { search }, after: null, limit: 50 }).rows.map((c) => c.id)
    expect(found(old, '+62 857 2211')).toEqual([2])
    old.close()

    const db = openDatabase(file)
    expect(found(db, '+62 857 2211').sort()).toEqual([1, 2])
    expect(found(db, '6285722114433')).toEqual([1])
    db.close()
  })

  it('write every search document again with its words’ forms without Indonesian prefixes, so "kirim" finds "dikirim" in a cache indexed before (0330)', () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 330))
    const rows: Conversation[] = [
      conversation(1, { lastMessage: { text: 'Paket sudah dikirim', at: 1, direction: 'in' } }),
      conversation(2, { lastMessage: { text: 'halo', at: 1, direction: 'in' } }),
      conversation(3, { lastMessage: { text: 'Pembayaran gagal', at: 1, direction: 'in' } }),
    ]
    upsertConversations(old, rows)
    upsertMessages(old, [message(1, 2, { text: 'Kapan pengiriman sampai?' })])
    markThreadLoaded(old, 2, 1)
    // The documents as Observe wrote them before 0330: the folded text alone.
    const write = old.prepare('INSERT OR REPLACE INTO conversation_search (rowid, who, labels, body) VALUES (?, ?, ?, ?)')
    const bodies = ['paket sudah dikirim', 'halo kapan pengiriman sampai', 'pembayaran gagal']
    rows.forEach((c, i) => write.run(c.id, whoText(c.customer.name, c.customer.handle, c.ticketNo).toLowerCase(), 'stqueue', bodies[i]!))
    const found = (db: typeof old, search: string): number[] =>
      listConversations(db, { tab: 'all', filters: { search }, after: null, limit: 50 })
        .rows.map((c) => c.id)
        .sort()
    expect(found(old, 'kirim')).toEqual([])
    old.close()

    const db = openDatabase(file)
    expect(found(db, 'kirim')).toEqual([1, 2])
    expect(found(db, 'bayar')).toEqual([3])
    expect(found(db, 'halo')).toEqual([2])
    db.close()
  })

  it('refuse a database written by a newer app', () => {
    const file = tempFile()
    const db = openDatabase(file)
    db.pragma(`user_version = ${latest + 10}`)
    db.close()
    expect(() => openDatabase(file)).toThrow(DbVersionFromFutureError)
  })

  it('refuse a migration list whose versions do not increase', () => {
    const db = openDatabase(':memory:', [])
    const broken = [
      { version: 20, name: 'b', up: () => {} },
      { version: 10, name: 'a', up: () => {} },
    ]
    expect(() => migrate(db, broken)).toThrow(/does not increase/)
    db.close()
  })

  it('roll a failing migration back entirely', () => {
    const db = openDatabase(':memory:', [])
    const failing = [
      {
        version: 5,
        name: 'half',
        up: (d: typeof db) => {
          d.exec('CREATE TABLE half (id INTEGER) STRICT')
          throw new Error('boom')
        },
      },
    ]
    expect(() => migrate(db, failing)).toThrow('boom')
    expect(schemaVersion(db)).toBe(0)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()).toEqual({ n: 0 })
    db.close()
  })
})
