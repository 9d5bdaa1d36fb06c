import type { FastifyInstance } from 'fastify'
import { API_PREFIX, DemoConversationRequest, FaultSettingsPatch, type FaultSettings } from '../../shared/api'
import { CHANNEL_KINDS } from '../../shared/domain'
import type { ServerContext } from '../context'
import { customerHandle, randomPersonName } from '../names'
import { createRandom } from '../random'
import { parseInput } from '../validation'

/** Demo mode only: lets tests and demos make a chat arrive right now, and turn fault knobs. */
export function registerDemoRoutes(app: FastifyInstance, { actions, faults }: ServerContext): void {
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
      now: Date.now(),
    })
    return reply.code(201).send(conversation)
  })

  app.get(`${API_PREFIX}/demo/faults`, async (): Promise<FaultSettings> => faults.current)

  // Fields left out keep their value; every update restarts the fault PRNG from `seed`.
  app.post(`${API_PREFIX}/demo/faults`, async (request): Promise<FaultSettings> => {
    return faults.update(parseInput(FaultSettingsPatch, request.body ?? {}, 'body'))
  })
}
