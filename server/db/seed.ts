/**
 * Builds the demo workspace in one transaction. Message threads are not inserted here: they are
 * built from the conversation on first need (see thread.ts), which keeps a million-row seed fast.
 */
import { randomUUID } from 'node:crypto'
import { CHANNEL_KINDS, type ChannelKind, type Conversation } from '../../shared/domain'
import { customerHandle, randomPersonName } from '../names'
import { hashPassword } from '../passwords'
import { BOT_CLOSING, fill, languageOf, topicOf } from '../phrases'
import { createRandom, type Random } from '../random'
import {
  AGENT_SEATS,
  CHANNEL_ACCOUNTS,
  CHANNEL_WEIGHTS,
  DEMO_PASSWORD,
  LABELS,
  channelIdOf,
} from '../workspace-data'
import { setMeta, withBulkPragmas, type Db } from './connection'
import { encodeLabelIds } from './rows'
import { SeedHandoffs } from './seed-handoffs'
import { orderNumberOf } from './thread'

export const SEED_DAYS = 28
const DAY = 86_400_000
const MINUTE = 60_000
const LIVE_WINDOW = 2 * 60 * MINUTE

/**
 * What becomes of a chat depends on how old it is: the last three-quarters of an hour is mostly
 * waiting or being served, the rest of the last two hours mostly served, and older chats are resolved,
 * bar a few long-running ones still with an agent.
 */
function statusByAge(age: number, roll: number): Conversation['status'] {
  if (age < 45 * MINUTE) return roll < 0.4 ? 'in_queue' : roll < 0.85 ? 'handled' : 'resolved'
  if (age < LIVE_WINDOW + MINUTE) return roll < 0.03 ? 'in_queue' : roll < 0.55 ? 'handled' : 'resolved'
  return roll < 0.01 ? 'handled' : 'resolved'
}

export interface SeedOptions {
  conversations: number
  /** The moment the data is seeded "at"; every timestamp is relative to it. */
  now: number
  /** PRNG seed: the same value gives the same workspace. */
  seed?: number
}

export interface SeedResult {
  datasetId: string
  conversations: number
}

/** Ticket numbers people read out loud start at 10001 and follow the conversation id. */
export function ticketNoOf(conversationId: number): number {
  return 10_000 + conversationId
}

function weightedChannel(random: Random): ChannelKind {
  const total = CHANNEL_KINDS.reduce((sum, kind) => sum + CHANNEL_WEIGHTS[kind], 0)
  let roll = random.next() * total
  for (const kind of CHANNEL_KINDS) {
    roll -= CHANNEL_WEIGHTS[kind]
    if (roll < 0) return kind
  }
  return 'whatsapp'
}

function labelIdsFor(random: Random): number[] {
  const roll = random.next()
  const count = roll < 0.35 ? 0 : roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3
  const ids = new Set<number>()
  while (ids.size < count) ids.add(random.int(1, LABELS.length))
  return [...ids].sort((a, b) => a - b)
}

interface CustomerSeed {
  id: number
  name: string
  handle: string
}

export function seedWorkspace(db: Db, options: SeedOptions): SeedResult {
  const random = createRandom(options.seed ?? 20_240_601)
  const datasetId = randomUUID()
  const count = Math.max(0, Math.floor(options.conversations))
  const now = options.now
  const start = now - SEED_DAYS * DAY
  // Leave the last minutes empty so nothing seeded is dated in the future of a slow seed.
  const span = SEED_DAYS * DAY - 10 * MINUTE

  const agentIds = AGENT_SEATS.map((_, index) => index + 1)
  // Only agents who are at their desks hold chats; the supervisor watches.
  const handlers = agentIds.filter((id) => AGENT_SEATS[id - 1]!.role === 'agent' && AGENT_SEATS[id - 1]!.presence !== 'offline')
  const everyAgent = agentIds.filter((id) => AGENT_SEATS[id - 1]!.role === 'agent')
  const loads = new Map<number, number>(agentIds.map((id) => [id, 0]))
  const handoffs = new SeedHandoffs({
    supervisorId: agentIds.find((id) => AGENT_SEATS[id - 1]!.role === 'supervisor')!,
    agents: everyAgent,
    agentName: (id) => AGENT_SEATS[id - 1]!.name,
  })

  const insertConversation = db.prepare(`INSERT INTO conversations (
      id, ticket_no, customer_id, customer_name, customer_handle, channel_id, channel, type, status, label_ids,
      agent_id, last_agent_id, created_at, queued_at, updated_at, resolved_at, last_text, last_at, last_direction,
      unread, version, thread_ready)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`)

  const recentCustomers = new Map<ChannelKind, CustomerSeed[]>(CHANNEL_KINDS.map((kind) => [kind, []]))
  let nextCustomerId = 1

  // Ids (and ticket numbers) follow time. The newest few per cent fall in the last two hours, so
  // the floor a supervisor opens on is busy: that is where the queue and the handled chats are.
  const liveShare = 0.04
  const liveFrom = Math.max(1, Math.floor(count * (1 - liveShare)))
  const createdAtOf = (id: number): number => {
    if (id <= liveFrom) return start + Math.floor(((span - LIVE_WINDOW) * (id - 1 + random.next())) / liveFrom)
    const liveCount = Math.max(count - liveFrom, 1)
    return now - LIVE_WINDOW - 30_000 + Math.floor((LIVE_WINDOW * (id - liveFrom - 1 + random.next())) / liveCount)
  }

  const seedConversations = (): void => {
    for (let id = 1; id <= count; id++) {
      const createdAt = createdAtOf(id)
      const age = now - createdAt
      const channel = weightedChannel(random)
      const recent = recentCustomers.get(channel)!
      let customer: CustomerSeed
      if (recent.length > 0 && random.chance(0.15)) {
        customer = random.pick(recent)
      } else {
        const person = randomPersonName(random)
        customer = { id: nextCustomerId++, name: person.name, handle: customerHandle(channel, person, random) }
        if (recent.length >= 200) recent[random.int(0, recent.length - 1)] = customer
        else recent.push(customer)
      }
      const type: Conversation['type'] = random.chance(0.12) ? 'outbox' : 'inbox'
      const status = statusByAge(age, random.next())
      const labelIds = labelIdsFor(random)
      const language = languageOf(id, customer.name)
      const topic = topicOf(id, language)
      const detail = fill(random.pick(topic.details), { n: orderNumberOf(id) })

      let agentId: number | null = null
      let lastAgentId: number | null = null
      let queuedAt: number | null = type === 'inbox' ? createdAt : null
      let resolvedAt: number | null = null
      let lastText: string
      let lastAt: number
      let lastDirection: 'in' | 'out'
      let unread = 0
      let version: number

      if (status === 'in_queue') {
        if (type === 'outbox') queuedAt = createdAt + Math.floor(age * random.next() * 0.5)
        const followedUp = random.chance(0.4)
        lastText = followedUp ? detail : topic.opening
        lastAt = Math.min(now, (queuedAt ?? createdAt) + (followedUp ? random.int(20, 300) * 1000 : 0))
        lastDirection = 'in'
        unread = followedUp ? 2 : 1
        version = 1 + unread
      } else {
        const handler = status === 'handled' ? random.pick(handlers) : random.pick(everyAgent)
        if (type === 'outbox' && random.chance(0.5)) queuedAt = null
        else if (type === 'outbox') queuedAt = Math.min(now, createdAt + random.int(1, 120) * MINUTE)
        if (status === 'handled') {
          agentId = handler
          lastAgentId = handler
          loads.set(handler, (loads.get(handler) ?? 0) + 1)
          const customerWroteLast = random.chance(0.4)
          lastText = customerWroteLast ? detail : random.pick(topic.replies)
          lastDirection = customerWroteLast ? 'in' : 'out'
          lastAt = createdAt + Math.floor(Math.min(age - 1000, 45 * MINUTE) * (0.2 + 0.8 * random.next()))
          unread = customerWroteLast ? random.int(1, 2) : 0
          version = 2 + random.int(0, 4)
        } else {
          // A few chats are closed by the bot alone and never reach an agent.
          lastAgentId = random.chance(0.05) ? null : handler
          // Resolved within a day and a half, and always before now: nothing seeded resolves "just now".
          resolvedAt = createdAt + Math.floor(Math.min(age - MINUTE, random.int(5, 36 * 60) * MINUTE) * (0.3 + 0.7 * random.next()))
          lastText = lastAgentId === null ? BOT_CLOSING[language] : topic.closing
          lastDirection = 'out'
          lastAt = Math.max(createdAt, resolvedAt - random.int(10, 300) * 1000)
          version = 3 + random.int(0, 5)
        }
      }
      const updatedAt = Math.max(lastAt, resolvedAt ?? 0, createdAt)
      insertConversation.run(
        id, ticketNoOf(id), customer.id, customer.name, customer.handle, channelIdOf(channel), channel, type, status,
        encodeLabelIds(labelIds), agentId, lastAgentId, createdAt, queuedAt, updatedAt, resolvedAt,
        lastText, lastAt, lastDirection, unread, version,
      )
      handoffs.add({
        id, customer_name: customer.name, type, status, agent_id: agentId, last_agent_id: lastAgentId, created_at: createdAt,
        queued_at: queuedAt, updated_at: updatedAt, last_text: lastText, last_at: lastAt, last_direction: lastDirection,
      })
    }
  }

  const seedReferenceData = (): void => {
    const insertChannel = db.prepare('INSERT INTO channels (id, kind, account) VALUES (?, ?, ?)')
    for (const kind of CHANNEL_KINDS) insertChannel.run(channelIdOf(kind), kind, CHANNEL_ACCOUNTS[kind])
    const insertLabel = db.prepare('INSERT INTO labels (id, name, color) VALUES (?, ?, ?)')
    LABELS.forEach((label, index) => insertLabel.run(index + 1, label.name, label.color))
    const insertAgent = db.prepare(
      'INSERT INTO agents (id, name, email, role, presence, quota, load, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    const passwordHash = hashPassword(DEMO_PASSWORD)
    AGENT_SEATS.forEach((seat, index) => {
      const id = index + 1
      const load = loads.get(id) ?? 0
      // Quotas are 3-8 chats, but a large seed hands more than that to each agent; the quota then
      // leaves a little headroom above the load so the simulator's agents can keep picking up.
      const baseQuota = seat.role === 'supervisor' ? 5 : random.int(3, 8)
      const quota = load >= baseQuota ? load + random.int(2, 4) : baseQuota
      insertAgent.run(id, seat.name, seat.email, seat.role, seat.presence, quota, load, passwordHash)
    })
  }

  withBulkPragmas(db, () =>
    db.transaction(() => {
      // The search index is rebuilt in bulk after the seed (search.ts); no trigger per row meanwhile.
      db.exec('DROP TRIGGER IF EXISTS conversations_search_insert')
      for (const table of ['conversations', 'messages', 'agents', 'labels', 'channels', 'changes', 'tokens', 'idempotency', 'assignment_log', 'meta']) {
        db.exec(`DELETE FROM ${table}`)
      }
      seedConversations()
      handoffs.write(db)
      seedReferenceData()
      setMeta(db, 'datasetId', datasetId)
      setMeta(db, 'seededAt', String(now))
      setMeta(db, 'feedFloor', '0')
    })(),
  )
  return { datasetId, conversations: count }
}
