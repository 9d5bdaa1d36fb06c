/**
 * A fast generator of realistic cached conversations, written straight into a cache through the
 * core's own upsert (not over HTTP): the query matrix needs a million rows in seconds.
 * Proportions follow the reference seed: 3% in queue, 12% handled, 85% resolved; WhatsApp first.
 */
import type { Database } from 'better-sqlite3'
import { CHANNEL_KINDS, type ChannelKind, type Conversation } from '../../shared/domain'
import { upsertConversations } from '../../electron/main/db/queries/conversations'
import { replaceWorkspace } from '../../electron/main/db/queries/workspace'
import { ENGLISH_FIRST, ENGLISH_LAST, INDONESIAN_FIRST, INDONESIAN_LAST } from '../../server/names'

const DAY = 86_400_000
const WEIGHTS: Record<ChannelKind, number> = {
  whatsapp: 40, email: 12, instagram: 14, facebook_messenger: 10, facebook_comment: 6, telegram: 8, livechat: 10,
}
export const LABEL_NAMES = ['Komplain', 'Refund', 'Pengiriman', 'Pembayaran', 'Akun', 'Promo', 'VIP', 'Technical', 'Feedback', 'Follow up']
/** The first name a large share of customers have (see generateConversations). */
export const COMMON_FIRST = 'Muhammad'
export const AGENT_IDS = Array.from({ length: 12 }, (_, i) => i + 2)
const TEXTS = [
  'Halo kak, pesanan saya belum sampai padahal sudah 5 hari.',
  'Selamat siang, saya mau refund untuk transaksi kemarin.',
  'Min, kenapa aplikasinya tidak bisa login ya?',
  'Kak, promo cashback 50% masih berlaku tidak?',
  'Terima kasih sudah menunggu, kak. Ada lagi yang bisa kami bantu?',
  'Hi, my package has not arrived yet and the tracking is stuck.',
  'Could you help me change the e-mail address on my account?',
  'I was charged twice for the same order, please check.',
  'Pembayaran via transfer bank sudah saya lakukan tadi pagi.',
  'Mohon dibantu, kartu kredit saya ditolak terus.',
]

/** Mulberry32: small, fast, repeatable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GeneratorOptions {
  count: number
  now: number
  seed?: number
  /** First id (to append to an existing cache). */
  firstId?: number
}

export function* generateConversations(options: GeneratorOptions): Generator<Conversation> {
  const random = rng(options.seed ?? 42)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0)
  const channel = (): ChannelKind => {
    let roll = random() * total
    for (const kind of CHANNEL_KINDS) if ((roll -= WEIGHTS[kind]) < 0) return kind
    return 'whatsapp'
  }
  const start = options.now - 28 * DAY
  const first = options.firstId ?? 1
  for (let i = 0; i < options.count; i++) {
    const id = first + i
    const createdAt = start + Math.floor((28 * DAY * (i + random())) / options.count)
    const english = random() < 0.2
    // One first name far commoner than the rest, as Muhammad is in Indonesia (here one Indonesian
    // customer in twelve): its matches cluster in the customer-name order, which the even spread of
    // the other names never shows. Taken from the id, so every other draw stays as it was.
    const indonesianFirst = id % 12 === 5 ? COMMON_FIRST : pick(INDONESIAN_FIRST)
    const name = english ? `${pick(ENGLISH_FIRST)} ${pick(ENGLISH_LAST)}` : `${indonesianFirst} ${pick(INDONESIAN_LAST)}`
    const kind = channel()
    const handle =
      kind === 'email'
        ? `${name.toLowerCase().replace(' ', '.')}${id % 1000}@gmail.com`
        : kind === 'whatsapp' || kind === 'telegram'
          ? `+62 8${String(11 + (id % 80)).padStart(2, '0')}-${String(1000 + (id % 9000))}-${String(id % 10_000).padStart(4, '0')}`
          : `@${name.toLowerCase().replace(' ', '_')}${id % 997}`
    const roll = random()
    const status = roll < 0.03 ? 'in_queue' : roll < 0.15 ? 'handled' : 'resolved'
    const agent = pick(AGENT_IDS)
    const labelRoll = random()
    const labelCount = labelRoll < 0.35 ? 0 : labelRoll < 0.7 ? 1 : labelRoll < 0.9 ? 2 : 3
    const labels = new Set<number>()
    while (labels.size < labelCount) labels.add(1 + Math.floor(random() * LABEL_NAMES.length))
    const updatedAt = Math.min(options.now, createdAt + Math.floor(random() * 3 * 3_600_000))
    const queuedAt = status === 'in_queue' ? createdAt + 1000 : random() < 0.9 ? createdAt : null
    yield {
      id,
      ticketNo: 10_000 + id,
      customer: { id, name, handle },
      channelId: CHANNEL_KINDS.indexOf(kind) + 1,
      channel: kind,
      type: random() < 0.12 ? 'outbox' : 'inbox',
      status,
      labelIds: [...labels].sort((a, b) => a - b),
      agentId: status === 'handled' ? agent : null,
      lastAgentId: status === 'in_queue' ? (random() < 0.1 ? agent : null) : random() < 0.05 ? null : agent,
      createdAt,
      queuedAt,
      updatedAt,
      resolvedAt: status === 'resolved' ? updatedAt : null,
      lastMessage: { text: pick(TEXTS), at: updatedAt, direction: random() < 0.5 ? 'in' : 'out' },
      unread: status === 'in_queue' ? 1 : 0,
      version: 1 + Math.floor(random() * 5),
    }
  }
}

export function seedWorkspace(db: Database): void {
  db.transaction(() =>
    replaceWorkspace(db, {
      agents: AGENT_IDS.map((id) => ({ id, name: `Agent ${id}`, email: `a${id}@x.id`, role: 'agent', presence: 'online', quota: 10, load: 0 })),
      labels: LABEL_NAMES.map((name, i) => ({ id: i + 1, name, color: '#888888' })),
      channels: CHANNEL_KINDS.map((kind, i) => ({ id: i + 1, kind, account: kind })),
    }),
  )()
}

/** Fills a cache with `count` conversations in transactions of 5,000 rows. */
export function fillCache(db: Database, options: GeneratorOptions): void {
  seedWorkspace(db)
  let batch: Conversation[] = []
  const flush = (): void => {
    const rows = batch
    batch = []
    db.transaction(() => upsertConversations(db, rows, { fresh: true }))()
  }
  for (const c of generateConversations(options)) {
    batch.push(c)
    if (batch.length === 5000) flush()
  }
  if (batch.length > 0) flush()
}
