/** Everything the server keeps, opened (and seeded when new) from one SQLite file. */
import { AssignmentLog } from './db/assignments'
import { Conversations } from './db/conversations'
import { finishSchema, getMeta, openStore, type Db } from './db/connection'
import { IdempotencyKeys } from './db/idempotency'
import { Messages } from './db/messages'
import { ConversationSearch, ensureSearchIndex } from './db/search'
import { seedWorkspace } from './db/seed'
import { Tokens } from './db/tokens'
import { Workspace } from './db/workspace'
import { ChangeFeed } from './feed'

export interface Store {
  db: Db
  datasetId: string
  feed: ChangeFeed
  conversations: Conversations
  messages: Messages
  workspace: Workspace
  tokens: Tokens
  idempotency: IdempotencyKeys
  assignments: AssignmentLog
  search: ConversationSearch
  close(): void
}

export interface StoreOptions {
  file: string
  seed: number
  changeRetention: number
  now?: number
}

export function openReferenceStore(options: StoreOptions): Store {
  const { db, isNew } = openStore(options.file)
  try {
    if (isNew) seedWorkspace(db, { conversations: options.seed, now: options.now ?? Date.now() })
    finishSchema(db)
    ensureSearchIndex(db)
    const workspace = new Workspace(db)
    return {
      db,
      datasetId: getMeta(db, 'datasetId')!,
      feed: new ChangeFeed(db, options.changeRetention),
      conversations: new Conversations(db),
      messages: new Messages(db, (id) => workspace.agentName(id)),
      workspace,
      tokens: new Tokens(db),
      idempotency: new IdempotencyKeys(db),
      assignments: new AssignmentLog(db),
      search: new ConversationSearch(db),
      close: () => db.close(),
    }
  } catch (error) {
    db.close()
    throw error
  }
}
