/**
 * Bearer tokens: sign-in issues one, every other route needs one. The check runs as an onRequest
 * hook so no route can forget it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { API_PREFIX, SignInRequest, type SignInResponse } from '../shared/api'
import type { Agent } from '../shared/domain'
import type { ServerContext } from './context'
import { ApiFailure } from './errors'
import { verifyPassword } from './passwords'
import { SignInThrottle } from './sign-in-throttle'
import { parseInput } from './validation'

export const TOKEN_TTL_MS = 12 * 60 * 60 * 1000
const SIGN_IN_PATH = `${API_PREFIX}/auth/sign-in`

declare module 'fastify' {
  interface FastifyRequest {
    agent: Agent | null
  }
}

const unauthorized = (message: string): ApiFailure => new ApiFailure(401, 'unauthorized', message)

export function signedInAgent(request: FastifyRequest): Agent {
  if (request.agent === null) throw unauthorized('Sign in first')
  return request.agent
}

export function registerAuth(app: FastifyInstance, context: ServerContext): void {
  const { tokens, workspace } = context.store
  app.decorateRequest('agent', null)

  app.addHook('onRequest', async (request) => {
    // By the route matched, not the URL as sent: the router decodes the path first, so
    // "/%61pi/v1/workspace" reaches an API route while its URL does not begin with the prefix.
    // Nothing matched is a 404 either way.
    const route = request.routeOptions.url
    if (route === undefined || route === SIGN_IN_PATH || !route.startsWith(`${API_PREFIX}/`)) return
    const header = request.headers.authorization
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header)
    if (match === null) throw unauthorized('Missing "Authorization: Bearer <token>" header')
    const agentId = tokens.agentIdFor(match[1]!, context.now())
    const agent = agentId === undefined ? undefined : workspace.agent(agentId)
    if (agent === undefined) throw unauthorized('The token is unknown or has expired; sign in again')
    request.agent = agent
  })

  const throttle = new SignInThrottle()
  app.post(SIGN_IN_PATH, async (request, reply): Promise<SignInResponse> => {
    const body = parseInput(SignInRequest, request.body, 'body')
    const email = body.email.trim()
    const pair = `${request.ip} ${email.toLowerCase()}`
    const waitMs = throttle.waitMs(pair, context.now())
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000)
      reply.header('retry-after', String(seconds))
      throw new ApiFailure(429, 'too_many_attempts', `Too many failed sign-ins for ${email} from this address; try again in ${seconds} s`)
    }
    const found = workspace.credentials(email)
    if (found === undefined || !verifyPassword(body.password, found.passwordHash)) {
      throttle.failed(pair, context.now())
      throw unauthorized('Wrong e-mail or password')
    }
    throttle.succeeded(pair)
    const { token, expiresAt } = tokens.issue(found.agent.id, context.now(), TOKEN_TTL_MS)
    return { token, expiresAt, user: found.agent }
  })

  app.get(`${API_PREFIX}/me`, async (request): Promise<Agent> => signedInAgent(request))
}
