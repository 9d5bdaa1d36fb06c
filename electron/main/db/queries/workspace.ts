import type { Database } from 'better-sqlite3'
import type { Agent, Channel, Label } from '../../../../shared/domain'
import {
  agentFromRow,
  agentToRow,
  channelFromRow,
  channelToRow,
  labelFromRow,
  labelToRow,
  type AgentRow,
  type ChannelRow,
  type LabelRow,
} from '../rows'
import { stmt } from './statements'

export function upsertAgent(db: Database, agent: Agent): void {
  stmt(
    db,
    `INSERT INTO agents (id, name, email, role, presence, quota, load) VALUES (@id, @name, @email, @role, @presence, @quota, @load)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
       presence = excluded.presence, quota = excluded.quota, load = excluded.load`,
  ).run(agentToRow(agent))
}

export function upsertLabel(db: Database, label: Label): void {
  stmt(
    db,
    'INSERT INTO labels (id, name, color) VALUES (@id, @name, @color) ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color',
  ).run(labelToRow(label))
}

export function upsertChannel(db: Database, channel: Channel): void {
  stmt(
    db,
    'INSERT INTO channels (id, kind, account) VALUES (@id, @kind, @account) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, account = excluded.account',
  ).run(channelToRow(channel))
}

export interface WorkspaceData {
  agents: Agent[]
  labels: Label[]
  channels: Channel[]
}

/** Makes the reference tables equal to a fresh snapshot: upsert what came, delete what did not. */
export function replaceWorkspace(db: Database, data: WorkspaceData): void {
  db.exec('DELETE FROM agents; DELETE FROM labels; DELETE FROM channels;')
  data.agents.forEach((a) => upsertAgent(db, a))
  data.labels.forEach((l) => upsertLabel(db, l))
  data.channels.forEach((c) => upsertChannel(db, c))
}

export function readAgents(db: Database): Agent[] {
  return (stmt(db, 'SELECT * FROM agents ORDER BY name, id').all() as AgentRow[]).map(agentFromRow)
}

export function readWorkspace(db: Database): WorkspaceData {
  return {
    agents: readAgents(db),
    labels: (stmt(db, 'SELECT * FROM labels ORDER BY name, id').all() as LabelRow[]).map(labelFromRow),
    channels: (stmt(db, 'SELECT * FROM channels ORDER BY kind, id').all() as ChannelRow[]).map(channelFromRow),
  }
}

export function getAgent(db: Database, id: number): Agent | null {
  const row = stmt(db, 'SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined
  return row ? agentFromRow(row) : null
}
