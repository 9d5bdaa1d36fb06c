import type { Database } from 'better-sqlite3'
import type { Conversation, Message } from '../../../shared/domain'
import type { BackendChange, Skipped } from '../backend/backend'
import { upsertConversations, type AwaitingHint } from '../db/queries/conversations'
import type { TimeJudge } from '../db/unclear-times'
import { loadedThreadIds, upsertMessages } from '../db/queries/messages'
import { addRefetch, pendingRefetch, setNeedsResync } from '../db/queries/refetch'
import { setCursor } from '../db/queries/sync-state'
import { upsertAgent, upsertChannel, upsertLabel } from '../db/queries/workspace'

export interface Applied {
  conversationIds: number[]
  workspaceChanged: boolean
}

const NOTHING_SKIPPED: Skipped = { skippedIds: [], unidentified: 0 }

/**
 * Applies a batch of changes and moves the cursor past it, all in one transaction. Records that
 * failed validation are remembered in the same transaction (to be fetched again), so moving the
 * cursor past them never loses them. Messages are kept for cached threads, and for `loading`
 * ones: threads being fetched, whose answer may have left out what this batch brings. `times.now`
 * is the server's clock, when the cache was current (the cursor's) and by which the times are judged.
 */
export function applyChanges(
  db: Database,
  changes: readonly BackendChange[],
  cursor: string,
  times: TimeJudge,
  skipped: Skipped = NOTHING_SKIPPED,
  loading: readonly number[] = [],
): Applied {
  return db
    .transaction((): Applied => {
      const conversations = new Map<number, Conversation>()
      const messages: Message[] = []
      let workspaceChanged = false
      for (const change of changes) {
        switch (change.entity) {
          case 'conversation': {
            const seen = conversations.get(change.data.id)
            if (!seen || seen.version <= change.data.version) conversations.set(change.data.id, change.data)
            break
          }
          case 'message':
            messages.push(change.data)
            break
          case 'agent':
            upsertAgent(db, change.data)
            workspaceChanged = true
            break
          case 'label':
            upsertLabel(db, change.data)
            workspaceChanged = true
            break
          case 'channel':
            upsertChannel(db, change.data)
            workspaceChanged = true
            break
        }
      }
      const hints = awaitingHints(changes)
      // A version of these went unseen, skipped as malformed here or before (and not fetched again
      // yet): an answer may hide in it. Their wait is reckoned as from a bootstrap, not followed.
      for (const id of [...skipped.skippedIds, ...pendingRefetch(db, [...conversations.keys()])]) hints.delete(id)
      const ids = new Set(upsertConversations(db, [...conversations.values()], { awaiting: hints, times }))
      if (messages.length > 0) {
        const loaded = loadedThreadIds(db, messages.map((m) => m.conversationId))
        for (const id of loading) loaded.add(id)
        for (const id of upsertMessages(db, messages.filter((m) => loaded.has(m.conversationId)), times)) ids.add(id)
      }
      addRefetch(db, skipped.skippedIds)
      if (skipped.unidentified > 0) setNeedsResync(db, true)
      setCursor(db, cursor, times.now)
      return { conversationIds: [...ids], workspaceChanged }
    })
    .immediate()
}

/**
 * What each conversation's versions in a batch say of its customer's wait: only the newest is
 * written, and an answer between two customer messages would go unseen (a catch-up after time
 * offline holds many versions of a chat).
 */
export function awaitingHints(changes: readonly BackendChange[]): Map<number, AwaitingHint> {
  const versions = changes.flatMap((change) => (change.entity === 'conversation' ? [change.data] : [])).sort((a, b) => a.version - b.version)
  const hints = new Map<number, AwaitingHint>()
  for (const version of versions) {
    const hint = hints.get(version.id) ?? { replied: false, from: null }
    const last = version.lastMessage
    if (last?.direction === 'out') hints.set(version.id, { replied: true, from: null })
    else if (last?.direction === 'in') hints.set(version.id, { replied: hint.replied, from: hint.from ?? last.at })
    else hints.set(version.id, hint)
  }
  return hints
}
