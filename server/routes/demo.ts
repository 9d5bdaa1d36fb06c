import type { FastifyInstance } from 'fastify'
import { API_PREFIX, DemoConversationRequest, DemoMessageRequest, FaultSettingsPatch, type FaultSettings } from '../../shared/api'
import { CHANNEL_KINDS } from '../../shared/domain'
import type { ServerContext } from '../context'
import { customerHandle, randomPersonName } from '../names'
import { createRandom } from '../random'
import { parseInput } from '../validation'
import { ConversationParams } from './conversations'

/** Demo mode only: lets tests and demos make a chat arrive or a customer write right now, and turn fault knobs. */
export function registerDemoRoutes(app: FastifyInstance, { actions, faults, now }: ServerContext): void {
  const random = createRandom(Date.now())
  app.post(`${API_PREFIX}/demo/conversations`, async (request, reply) => {
    const body = parseInput(DemoConversationRequest, request.body ?? {}, 'body')
    const channel = body.channel ?? random.pick(CHANNEL_KINDS)
    const person = randomPersonName(random)
    const name = body.customerName ?? person.name
    const conversation = actions.arrive({
      channel,
      customerName: name,
      customerHandle: customerHandle(channel, person, random),
      text: body.text ?? 'Halo, saya butuh bantuan dengan pesanan saya.',
      now: now(),
    })
    return reply.code(201).send(conversation)
  })

  app.post(`${API_PREFIX}/demo/conversations/:id/messages`, async (request, reply) => {
    const { id } = parseInput(ConversationParams, request.params, 'path')
    const { text, count } = parseInput(DemoMessageRequest, request.body ?? {}, 'body')
    if (count === 1) return reply.code(201).send(actions.write(id, 'customer', text, now()))
    let last = null
    for (let n = 1; n <= count; n++) last = actions.write(id, 'customer', `${text} (${n}/${count})`, now())
    return reply.code(201).send(last)
  })

  app.get(`${API_PREFIX}/demo/faults`, async (): Promise<FaultSettings> => faults.current)

  // Fields left out keep their value; every update restarts the fault PRNG from `seed`.
  app.post(`${API_PREFIX}/demo/faults`, async (request): Promise<FaultSettings> => {
    return faults.update(parseInput(FaultSettingsPatch, request.body ?? {}, 'body'))
  })
}
