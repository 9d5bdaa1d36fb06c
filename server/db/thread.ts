/**
 * Builds a seeded conversation's message thread from the conversation itself, deterministically,
 * so threads need not be stored up front. Its last message is always the conversation's lastMessage.
 */
import type { Attachment, Message, SystemEvent } from '../../shared/domain'
import {
  AGENT_GREETING,
  BOT_CLOSING,
  BOT_GREETING,
  OUTBOX_BLAST,
  fill,
  languageOf,
  systemAssigned,
  systemNoteText,
  topicOf,
} from '../phrases'
import { createRandom, mixSeed, type Random } from '../random'
import { BOT_NAME, SYSTEM_NAME } from '../workspace-data'
import type { ConversationRow } from './rows'

export type MessageDraft = Omit<Message, 'id'>

/** What a thread is built from: the conversation as seeded, before anything happened to it live. */
export type ThreadSource = Pick<
  ConversationRow,
  'id' | 'customer_name' | 'type' | 'status' | 'agent_id' | 'last_agent_id' | 'created_at' | 'queued_at' | 'updated_at' | 'last_text' | 'last_at' | 'last_direction'
>

/** The number attached to an order in a thread, stable per conversation. */
export function orderNumberOf(conversationId: number): string {
  return String(2_500_000 + ((conversationId * 7919) % 999_983))
}

function attachmentFor(random: Random, conversationId: number, index: number): Attachment {
  const isImage = random.chance(0.7)
  const name = isImage ? `IMG_${20250000 + random.int(1000, 9999)}.jpg` : random.pick(['bukti_transfer.pdf', 'invoice.pdf', 'screenshot.pdf'])
  return {
    name,
    mime: isImage ? 'image/jpeg' : 'application/pdf',
    size: random.int(40_000, 2_500_000),
    url: `https://files.observe.demo/c/${conversationId}/${index}/${name}`,
  }
}

interface Line {
  kind: Message['sender']['kind']
  text: string
  withAttachment?: boolean
  event?: SystemEvent
}

interface PlacedLine extends Line {
  at: number
}

interface ThreadPlan {
  /** The lines before the last message, each at its moment. */
  lines: PlacedLine[]
  last: { text: string; at: number; direction: 'in' | 'out' } | null
  /** Carries on where the plan left off, for what does not move lines in time (attachments). */
  random: Random
  language: ReturnType<typeof languageOf>
  handler: number | null
  handlerName: string
}

/** The thread's lines and their moments, without the messages themselves. */
function planThread(row: ThreadSource, agentName: (id: number) => string): ThreadPlan {
  const random = createRandom(mixSeed(0x7e4d, row.id))
  const language = languageOf(row.id, row.customer_name)
  const topic = topicOf(row.id, language)
  const firstName = row.customer_name.split(' ')[0] ?? row.customer_name
  const handler = row.agent_id ?? row.last_agent_id
  const handlerName = handler === null ? BOT_NAME : agentName(handler)
  const detail = fill(random.pick(topic.details), { n: orderNumberOf(row.id) })

  const lines: Line[] = []
  if (row.type === 'outbox') {
    lines.push({ kind: handler === null ? 'bot' : 'agent', text: fill(OUTBOX_BLAST[language], { name: firstName }) })
    if (row.queued_at !== null || row.status === 'in_queue') lines.push({ kind: 'customer', text: topic.opening })
  } else {
    lines.push({ kind: 'customer', text: topic.opening })
    if (random.chance(0.7)) lines.push({ kind: 'bot', text: BOT_GREETING[language] })
  }
  if (row.status === 'in_queue') {
    lines.push({ kind: 'customer', text: detail, withAttachment: random.chance(0.15) })
  } else if (handler !== null) {
    const event = systemAssigned({ id: handler, name: handlerName })
    lines.push({ kind: 'system', text: systemNoteText(event), event })
    lines.push({ kind: 'agent', text: fill(AGENT_GREETING[language], { name: firstName, agent: handlerName.split(' ')[0] ?? handlerName }) })
    lines.push({ kind: 'customer', text: detail, withAttachment: random.chance(0.15) })
    for (const reply of topic.replies) lines.push({ kind: 'agent', text: reply })
  }

  const last = row.last_text === null || row.last_at === null || row.last_direction === null
    ? null
    : { text: row.last_text, at: row.last_at, direction: row.last_direction }
  // Drop everything from the first line that repeats the last message, so the thread ends on it once.
  const cut = last === null ? -1 : lines.findIndex((line) => line.text === last.text)
  const prefix = cut >= 0 ? lines.slice(0, cut) : lines
  const end = last?.at ?? row.updated_at
  const step = prefix.length === 0 ? 0 : Math.max(0, end - row.created_at) / (prefix.length + 1)
  const placed: PlacedLine[] = []
  for (let index = 0; index < prefix.length; index++) {
    const line = prefix[index]!
    placed.push({ ...line, at: row.created_at + Math.floor(step * index) })
  }
  return { lines: placed, last, random, language, handler, handlerName }
}

/**
 * When a seeded conversation reached its agent: the moment of its thread's "assigned to" line, and
 * the moment of the line before it (the last thing that happened while it waited). Null when it
 * never reached one.
 */
export function seededAssignmentOf(row: ThreadSource, agentName: (id: number) => string): { at: number; waitedFrom: number } | null {
  const { lines } = planThread(row, agentName)
  const index = lines.findIndex((line) => line.kind === 'system')
  if (index < 0) return null
  return { at: lines[index]!.at, waitedFrom: lines[index - 1]?.at ?? row.created_at }
}

export function buildThread(row: ThreadSource, agentName: (id: number) => string): MessageDraft[] {
  const { lines, last, random, language, handler, handlerName } = planThread(row, agentName)
  const senderOf = (kind: Line['kind']): MessageDraft['sender'] => {
    switch (kind) {
      case 'customer':
        return { kind, name: row.customer_name, agentId: null }
      case 'agent':
        return handler === null ? { kind: 'bot', name: BOT_NAME, agentId: null } : { kind, name: handlerName, agentId: handler }
      case 'bot':
        return { kind, name: BOT_NAME, agentId: null }
      case 'system':
        return { kind, name: SYSTEM_NAME, agentId: null }
    }
  }
  const drafts: MessageDraft[] = lines.map((line, index) => ({
    conversationId: row.id,
    direction: line.kind === 'customer' ? 'in' : 'out',
    sender: senderOf(line.kind),
    text: line.text,
    ...(line.event === undefined ? {} : { event: line.event }),
    attachments: line.withAttachment ? [attachmentFor(random, row.id, index)] : [],
    createdAt: line.at,
  }))
  if (last !== null) {
    const kind: Line['kind'] = last.direction === 'in' ? 'customer' : last.text === BOT_CLOSING[language] ? 'bot' : 'agent'
    drafts.push({ conversationId: row.id, direction: last.direction, sender: senderOf(kind), text: last.text, attachments: [], createdAt: last.at })
  }
  return drafts
}
