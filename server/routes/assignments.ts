/** Assign, transfer and the assignment log (Log History). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Conversation } from '../../shared/domain'
import { API_PREFIX, AssignmentsQuery, AssignRequest, TransferRequest, type AssignmentAction, type AssignmentsPage } from '../../shared/api'
import { signedInAgent } from '../auth'
import type { ServerContext } from '../context'
import { ApiFailure } from '../errors'
import { answerOnce, idempotencyKeyOf } from '../idempotent'
import { parseInput } from '../validation'
import { ConversationParams } from './conversations'

export function registerAssignmentRoutes(app: FastifyInstance, context: ServerContext): void {
  const { store, actions, faults, now } = context

  const handOff = (action: AssignmentAction) => async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const caller = signedInAgent(request)
    const { id } = parseInput(ConversationParams, request.params, 'path')
    const body: AssignRequest | TransferRequest = parseInput(action === 'assign' ? AssignRequest : TransferRequest, request.body, 'body')
    const key = idempotencyKeyOf(request.headers)
    // Agents may pick a queued chat up themselves; handing chats to others is the supervisor's job.
    const own = action === 'assign' && body.agentId === caller.id
    if (caller.role !== 'supervisor' && !own) {
      throw new ApiFailure(403, 'forbidden', action === 'assign' ? 'Only supervisors assign conversations to others' : 'Only supervisors transfer conversations')
    }
    const expectedAgentId = 'expectedAgentId' in body ? body.expectedAgentId : undefined
    const options = { byAgentId: caller.id, expectedVersion: body.expectedVersion, expectedAgentId, overrideQuota: body.overrideQuota, now: now() }
    // Assign keeps the fingerprint it always had, so keys stored by an older server still replay.
    const fingerprint = action === 'assign' ? { id, ...body } : { action, id, ...body }
    return answerOnce(
      store,
      now(),
      reply,
      caller,
      key,
      fingerprint,
      () => (action === 'assign' ? actions.assign(id, body.agentId, options) : actions.transfer(id, body.agentId, options)),
      (answer) => faults.conversation(answer as Conversation),
    )
  }

  app.post(`${API_PREFIX}/conversations/:id/assign`, handOff('assign'))
  app.post(`${API_PREFIX}/conversations/:id/transfer`, handOff('transfer'))

  app.get(`${API_PREFIX}/assignments`, async (request): Promise<AssignmentsPage> => {
    if (signedInAgent(request).role !== 'supervisor') throw new ApiFailure(403, 'forbidden', 'Only supervisors read the assignment log')
    return store.assignments.page(parseInput(AssignmentsQuery, request.query, 'query'))
  })
}
