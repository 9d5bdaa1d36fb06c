/**
 * The reference server's own store. Indexes are created after the seed, because building them
 * once over a million rows is several times faster than maintaining them row by row.
 */
export const SCHEMA_VERSION = 3

export const TABLES = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS agents (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL,
  presence TEXT NOT NULL,
  quota INTEGER NOT NULL,
  load INTEGER NOT NULL,
  password_hash TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  agent_id INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS labels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  color TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS channels (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  account TEXT NOT NULL
) STRICT;

-- Customer and lastMessage are inlined: they are always read with the conversation, and a
-- million-row seed cannot afford the extra tables. label_ids is a comma list of label ids.
CREATE TABLE IF NOT EXISTS conversations (
  id INTEGER PRIMARY KEY,
  ticket_no INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  customer_name TEXT NOT NULL,
  customer_handle TEXT NOT NULL,
  channel_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  label_ids TEXT NOT NULL,
  agent_id INTEGER,
  last_agent_id INTEGER,
  created_at INTEGER NOT NULL,
  queued_at INTEGER,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER,
  last_text TEXT,
  last_at INTEGER,
  last_direction TEXT,
  unread INTEGER NOT NULL,
  version INTEGER NOT NULL,
  -- 0 until the thread of a seeded conversation is built (lazily, on first need).
  thread_ready INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL,
  direction TEXT NOT NULL,
  sender_kind TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  sender_agent_id INTEGER,
  text TEXT NOT NULL,
  event TEXT,
  attachments TEXT,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT NOT NULL,
  agent_id INTEGER NOT NULL,
  request TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (agent_id, key)
) STRICT;

-- Every assignment and transfer, for Log History. from_agent_id is null when it came from the queue.
CREATE TABLE IF NOT EXISTS assignment_log (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  by_agent_id INTEGER NOT NULL,
  from_agent_id INTEGER,
  to_agent_id INTEGER NOT NULL,
  at INTEGER NOT NULL
) STRICT;
`

export const INDEXES = `
-- Open conversations by status in id order: paging one tab, the simulator's pick-up and stats.
CREATE INDEX IF NOT EXISTS conversations_status_id ON conversations(status, id);
-- Counting resolved conversations in a window without touching the rows.
CREATE INDEX IF NOT EXISTS conversations_status_resolved ON conversations(status, resolved_at);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages(conversation_id, id);
CREATE INDEX IF NOT EXISTS tokens_expiry ON tokens(expires_at);
CREATE INDEX IF NOT EXISTS assignment_log_conversation ON assignment_log(conversation_id, id);
-- Search: a typed ticket number, and walking resolved history newest first.
CREATE INDEX IF NOT EXISTS conversations_ticket ON conversations(ticket_no);
`
