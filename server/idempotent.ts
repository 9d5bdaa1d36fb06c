/**
 * Idempotency-Key handling for actions. The key, the action and its remembered answer commit in one
 * transaction, and answers live in SQLite, so a retry (also after a restart) gets the first answer
 * and the action is applied once. Rejections (4xx) are remembered too: replaying a refused request
 * must not apply it later just because the floor changed in between.
 */
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Agent } from '../shared/domain'
import { ApiFailure } from './errors'
import type { Store } from './store'
import { parseInput } from './validation'

const IdempotencyKey = z.string().min(1).max(200).optional()

export function idempotencyKeyOf(headers: Record<string, unknown>): string | undefined {
  return parseInput(IdempotencyKey, headers['idempotency-key'], 'header Idempotency-Key')
}

export function answerOnce(
  store: Store,
  /** The server's clock when the request came: when the answer was remembered. */
  now: number,
  reply: FastifyReply,
  caller: Agent,
  key: string | undefined,
  /** Names the request: the same key with another fingerprint is a client bug, answered 422. */
  fingerprint: unknown,
  act: () => unknown,
  /** How an applied action's answer goes on the wire (the fault knobs' malformed records); what is remembered stays whole. */
  sent: (answer: unknown) => unknown = (answer) => answer,
): FastifyReply {
  if (key === undefined) return reply.send(sent(act()))
  const request = JSON.stringify(fingerprint)
  const outcome = store.feed.transaction(() => {
    const seen = store.idempotency.get(caller.id, key)
    if (seen !== undefined) {
      if (seen.request !== request) {
        throw new ApiFailure(422, 'idempotency_key_reused', `Idempotency-Key "${key}" was already used for a different request`)
      }
      return seen
    }
    let fresh: { status: number; response: unknown }
    try {
      fresh = { status: 200, response: act() }
    } catch (error) {
      // A 5xx is the server's fault, not an answer: it rolls back and the key stays unused.
      if (!(error instanceof ApiFailure) || error.statusCode >= 500) throw error
      fresh = { status: error.statusCode, response: error.toBody() }
    }
    store.idempotency.remember(caller.id, key, { request, ...fresh }, now)
    return fresh
  })
  return reply.code(outcome.status).send(outcome.status === 200 ? sent(outcome.response) : outcome.response)
}
