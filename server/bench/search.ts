/**
 * Measures GET /conversations/search at scale, straight on the store (no HTTP):
 *   npx tsx server/bench/search.ts [conversations=1000000] [dbFile]
 * Seeds a fresh file (or reuses dbFile), then times typical queries: a common first name, a full
 * name, an e-mail fragment, phone digits as typed locally, a ticket number, a rare word, and paging.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ftsQueryOf } from '../db/search'
import { openReferenceStore } from '../store'

const count = Number(process.argv[2] ?? 1_000_000)
const dir = process.argv[3] === undefined ? mkdtempSync(join(tmpdir(), 'observe-bench-')) : undefined
const file = process.argv[3] ?? join(dir!, 'bench.db')

let started = performance.now()
const store = openReferenceStore({ file, seed: count, changeRetention: 100_000 })
console.log(`open (seed ${count} + indexes + search index): ${((performance.now() - started) / 1000).toFixed(1)} s, file ${(statSync(file).size / 1e6).toFixed(0)} MB`)

const sample = store.conversations.get(Math.floor(count / 2))!
const first = sample.customer.name.split(' ')[0]!
const phone = store.db
  .prepare("SELECT customer_handle AS h FROM conversations WHERE customer_handle LIKE '+62 %' AND status = 'resolved' LIMIT 1 OFFSET 777")
  .get() as { h: string }
const local = `0${phone.h.replace(/\D/g, '').slice(2, 9)}`
const email = store.db.prepare("SELECT customer_handle AS h FROM conversations WHERE customer_handle LIKE '%@%' LIMIT 1 OFFSET 4242").get() as { h: string }

const queries: Array<[string, string]> = [
  ['common first name', first],
  ['full name', sample.customer.name],
  ['e-mail, whole', email.h],
  ['e-mail domain word', 'gmail'],
  ['phone digits typed locally', local],
  ['ticket number', String(sample.ticketNo)],
  ['rare / no match', 'zyxwvu'],
  ['two-letter prefix', 'ri'],
]

function time(run: () => unknown, times = 7): number {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    started = performance.now()
    run()
    samples.push(performance.now() - started)
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!
}

for (const [what, q] of queries) {
  const page = store.search.search({ q, limit: 50 })
  const ms = time(() => store.search.search({ q, limit: 50 }))
  const total = (store.db.prepare('SELECT COUNT(*) AS n FROM conversation_search WHERE conversation_search MATCH ?').get(ftsQueryOf(q)) as { n: number }).n
  console.log(`${what.padEnd(28)} q=${JSON.stringify(q).padEnd(34)} ${String(page.items.length).padStart(3)} items, ${String(total).padStart(7)} word matches: ${ms.toFixed(1)} ms (median of 7)`)
}

// Paging three pages deep on a common name.
let cursor: { before?: number; beforeId?: number } = {}
const pages = time(() => {
  cursor = {}
  for (let i = 0; i < 3; i++) {
    const page = store.search.search({ q: first, limit: 50, ...cursor })
    cursor = { before: page.nextBefore ?? undefined, beforeId: page.nextBeforeId ?? undefined }
  }
}, 3)
console.log(`three pages of ${JSON.stringify(first)}: ${pages.toFixed(1)} ms in all`)

store.close()
if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
