/** Agents, labels and channels: the small reference tables. */
import type { Agent, Channel, Label } from '../../shared/domain'
import type { Db } from './connection'
import { AGENT_COLUMNS, toAgent, toChannel, toLabel, type AgentRow } from './rows'

export class Workspace {
  private readonly agentById
  private readonly agentByEmail
  private readonly allAgents
  private readonly allLabels
  private readonly allChannels
  private readonly updateAgent
  private readonly names = new Map<number, string>()

  constructor(db: Db) {
    this.agentById = db.prepare(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = ?`)
    this.agentByEmail = db.prepare(`SELECT ${AGENT_COLUMNS}, password_hash FROM agents WHERE email = ?`)
    this.allAgents = db.prepare(`SELECT ${AGENT_COLUMNS} FROM agents ORDER BY id`)
    this.allLabels = db.prepare('SELECT id, name, color FROM labels ORDER BY id')
    this.allChannels = db.prepare('SELECT id, kind, account FROM channels ORDER BY id')
    this.updateAgent = db.prepare('UPDATE agents SET presence = @presence, quota = @quota, load = @load WHERE id = @id')
  }

  agents(): Agent[] {
    return (this.allAgents.all() as AgentRow[]).map(toAgent)
  }

  agent(id: number): Agent | undefined {
    const row = this.agentById.get(id) as AgentRow | undefined
    return row === undefined ? undefined : toAgent(row)
  }

  /** Agent names never change, so message senders can be named without a query each time. */
  agentName(id: number): string {
    let name = this.names.get(id)
    if (name === undefined) {
      name = this.agent(id)?.name ?? `Agent ${id}`
      this.names.set(id, name)
    }
    return name
  }

  credentials(email: string): { agent: Agent; passwordHash: string } | undefined {
    const row = this.agentByEmail.get(email) as (AgentRow & { password_hash: string }) | undefined
    return row === undefined ? undefined : { agent: toAgent(row), passwordHash: row.password_hash }
  }

  saveAgent(agent: Agent): void {
    this.updateAgent.run({ id: agent.id, presence: agent.presence, quota: agent.quota, load: agent.load })
  }

  labels(): Label[] {
    return (this.allLabels.all() as Label[]).map(toLabel)
  }

  channels(): Channel[] {
    return (this.allChannels.all() as Channel[]).map(toChannel)
  }
}
