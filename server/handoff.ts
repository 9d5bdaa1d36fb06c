/**
 * The rules for handing a conversation to an agent, apart from the mutation itself (actions.ts), so
 * assign and transfer answer the same way: 409 carries the conversation as it stands, 422 names
 * what is wrong with the target agent.
 */
import type { AssignmentAction } from '../shared/api'
import type { Agent, Conversation } from '../shared/domain'
import { ApiFailure, notFound } from './errors'

export interface HandoffRequest {
  action: AssignmentAction
  conversationId: number
  agentId: number
  /** Who asks: a supervisor, or an agent picking up a chat themselves. */
  byAgentId: number
  expectedVersion?: number
  /** Transfer: the agent the caller saw handling the conversation. */
  expectedAgentId?: number
  overrideQuota: boolean
  now: number
}

/** 'noop' when the conversation already sits with that agent: assigning it again changes nothing. */
export type HandoffVerdict = 'apply' | 'noop'

export function checkHandoff(current: Conversation | undefined, agent: Agent | undefined, request: HandoffRequest): HandoffVerdict {
  if (current === undefined) throw notFound(`Conversation ${request.conversationId}`)
  if (agent === undefined) throw new ApiFailure(422, 'unknown_agent', `Agent ${request.agentId} does not exist`)
  const conflict = (message: string): ApiFailure => new ApiFailure(409, 'conflict', message, { conversation: current })
  if (request.expectedVersion !== undefined && request.expectedVersion !== current.version) {
    throw conflict(`Conversation ${current.id} changed since version ${request.expectedVersion} (now ${current.version})`)
  }
  if (current.status === 'resolved') throw conflict(`Conversation ${current.id} is already resolved`)
  if (request.action === 'assign' && current.status === 'handled') {
    if (current.agentId === agent.id) return 'noop'
    // Taking a chat from another agent is a transfer, a deliberate act with its own endpoint.
    throw conflict(`Conversation ${current.id} is already handled by agent ${current.agentId}`)
  }
  if (request.action === 'transfer') {
    if (current.status !== 'handled') throw conflict(`Conversation ${current.id} is in the queue; assign it instead of transferring`)
    if (current.agentId === agent.id) throw conflict(`Conversation ${current.id} is already with ${agent.name}`)
    if (request.expectedAgentId !== undefined && current.agentId !== request.expectedAgentId) {
      throw conflict(`Conversation ${current.id} is with agent ${current.agentId} now, not agent ${request.expectedAgentId}`)
    }
  }
  if (agent.presence === 'offline') throw new ApiFailure(422, 'agent_offline', `${agent.name} is offline`)
  if (agent.load >= agent.quota && !request.overrideQuota) {
    throw new ApiFailure(422, 'over_quota', `${agent.name} already handles ${agent.load} of ${agent.quota} conversations`)
  }
  return 'apply'
}
