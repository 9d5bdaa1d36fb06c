import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { countConversations, listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { markThreadLoaded, reachOfSearch, upsertMessages } from '../../../electron/main/db/queries/messages'
import { conversation, message } from '../support/domain'

/**
 * A supervisor searches the root a customer wrote in another form: "kirim" for "dikirim",
 * "pengiriman", "mengirim". The cache finds those by the words' forms without their Indonesian
 * prefixes, in the last message and in a cached thread alike, and nothing else by them.
 */
const TEXTS: Record<number, string> = {
  1: 'Paket saya belum dikirim',
  2: 'Kapan pengiriman sampai?',
  3: 'Toko sudah mengirim resi',
  4: 'Status: terkirim',
  5: 'Pembayaran gagal, kak',
  6: 'Sudah dibayar kemarin',
  7: 'Tolong menunggu sebentar',
  8: 'Saya diam saja',
  9: 'Our service team issued the refund',
  10: 'Discount code refunded',
  11: 'Kiriman dari Bandung',
  12: 'Dia memakai kartu kredit dan menyapu lantai',
}
/** Held in the thread alone: the last message says nothing of it. */
const THREAD_ONLY = 13
const THREAD_TEXT = 'Barang belum saya terima, sudah dikirimkan?'

const dirs: string[] = []
let db: Database

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-affixes-'))
  dirs.push(dir)
  db = openDatabase(join(dir, 'cache.sqlite'))
  const rows = Object.entries(TEXTS).map(([id, text]) =>
    conversation(Number(id), { customer: { id: 500 + Number(id), name: `Pelanggan ${id}`, handle: `+62811${id}` }, lastMessage: { text, at: 1, direction: 'in' } }),
  )
  rows.push(conversation(THREAD_ONLY, { customer: { id: 600, name: 'Wulan', handle: '+628119' }, lastMessage: { text: 'halo', at: 1, direction: 'in' } }))
  upsertConversations(db, rows)
  upsertMessages(db, [message(1, THREAD_ONLY, { text: THREAD_TEXT }), message(2, THREAD_ONLY, { text: 'halo' })])
  markThreadLoaded(db, THREAD_ONLY, 2)
})
afterAll(() => {
  db.close()
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

const found = (search: string): number[] =>
  listConversations(db, { tab: 'all', filters: { search }, after: null, limit: 50 })
    .rows.map((c) => c.id)
    .sort((a, b) => a - b)

describe('a search for an Indonesian root', () => {
  it('finds the words built on it with prefixes, in the last message and in the cached thread', () => {
    expect(found('kirim')).toEqual([1, 2, 3, 4, 11, THREAD_ONLY])
    expect(found('bayar')).toEqual([5, 6])
    expect(found('tunggu')).toEqual([7])
    expect(found('pakai sapu')).toEqual([12])
  })

  it('counts what it lists', () => {
    expect(countConversations(db, { search: 'kirim' }).all).toBe(6)
    expect(countConversations(db, { search: 'bayar' }).all).toBe(2)
  })

  it('still finds the words as written, by their beginnings', () => {
    expect(found('dikirim')).toEqual([1, THREAD_ONLY])
    expect(found('pengiriman')).toEqual([2])
    expect(found('kiriman')).toEqual([2, 11])
  })

  it('leaves a short remainder alone, so a few letters do not match every word with a prefix', () => {
    expect(found('kir')).toEqual([1, 2, 3, 4, 11, THREAD_ONLY])
    // "diam" is not di- before "am": two letters are no root.
    expect(found('am')).toEqual([])
  })

  it('leaves English words as they were', () => {
    expect(found('refund')).toEqual([9, 10])
    expect(found('vice')).toEqual([])
    expect(found('count')).toEqual([])
  })

  it('tells how far back in the thread the message it found is', () => {
    expect(reachOfSearch(db, THREAD_ONLY, 'kirim', 50)).toBe(2)
  })
})
