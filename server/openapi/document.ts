/**
 * The OpenAPI 3.1 description of the Interaction API, derived from the zod schemas in shared/api so
 * the document cannot drift from what clients parse. Page schemas name their item types here, where
 * the client-side schemas keep items as unknown so that one bad record never sinks a page.
 */
import { z } from 'zod'
import {
  API_PREFIX,
  ApiError,
  AssignRequest,
  AssignmentRecord,
  AssignmentsPage,
  AssignmentsQuery,
  Change,
  ChangesPage,
  ChangesQuery,
  ConflictError,
  ConversationsPage,
  ConversationsQuery,
  DemoConversationRequest,
  DemoMessageRequest,
  FaultSettings,
  FaultSettingsPatch,
  MessagesPage,
  MessagesQuery,
  SearchPage,
  SearchQuery,
  SignInRequest,
  SignInResponse,
  StatsQuery,
  StatsResponse,
  TransferRequest,
  WorkspaceResponse,
} from '../../shared/api'
import { Agent, Attachment, Channel, Conversation, Customer, Label, LastMessage, Message } from '../../shared/domain'

type Json = Record<string, unknown>

const COMPONENTS: Record<string, z.ZodType> = {
  ApiError,
  Agent,
  Label,
  Channel,
  Customer,
  LastMessage,
  Attachment,
  Conversation,
  Message,
  Change,
  SignInResponse,
  WorkspaceResponse,
  ConversationsPage: ConversationsPage.extend({ items: z.array(Conversation) }),
  MessagesPage: MessagesPage.extend({ items: z.array(Message) }),
  ChangesPage: ChangesPage.extend({ changes: z.array(Change) }),
  StatsResponse,
  ConflictError,
  AssignmentRecord,
  AssignmentsPage: AssignmentsPage.extend({ items: z.array(AssignmentRecord) }),
  FaultSettings,
  SearchPage: SearchPage.extend({ items: z.array(Conversation) }),
}

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id })
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> }
  // Inside an OpenAPI document the dialect is set once, and fragment-only $ids are not allowed in 2020-12.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]))
}

/** Request-side schemas as callers write them: fields with defaults are optional. */
function inputSchema(schema: z.ZodType): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Json
  return rest
}

function queryParameters(schema: z.ZodObject): Json[] {
  const json = inputSchema(schema) as { properties: Record<string, Json>; required?: string[] }
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }))
}

const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` })
const json = (schema: Json): Json => ({ 'application/json': { schema } })
const ok = (description: string, id: string): Json => ({ description, content: json(ref(id)) })
const failure = (description: string): Json => ({ description, content: json(ref('ApiError')) })

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer', exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER },
}
const signInFailures = {
  '400': failure('invalid_request: the input does not match the schema'),
  '401': failure('unauthorized: no bearer token, or an unknown or expired one'),
}
const common = {
  ...signInFailures,
  '503': failure('unavailable: an injected fault (errorRate); nothing was applied, retry'),
}

const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Replaying a request with the same key returns the first answer (status and body, also after a server restart) and applies the action once; the same key on another request is 422 idempotency_key_reused.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
}

function handoffResponses(description: string): Json {
  return {
    '200': ok(description, 'Conversation'),
    ...common,
    '403': failure('forbidden: agents may only assign queued chats to themselves'),
    '404': failure('not_found: no such conversation'),
    '409': {
      description: 'conflict: handled by another agent (assign), not handled or already with that agent (transfer), resolved, expectedVersion is stale, or (transfer) another agent than expectedAgentId has it',
      content: json(ref('ConflictError')),
    },
    '422': failure('unknown_agent, agent_offline, over_quota (unless overrideQuota), or idempotency_key_reused'),
  }
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {
    '/auth/sign-in': {
      post: {
        operationId: 'signIn',
        summary: 'Exchange e-mail and password for a bearer token',
        security: [],
        requestBody: { required: true, content: json(inputSchema(SignInRequest)) },
        responses: {
          '200': ok('Signed in', 'SignInResponse'),
          ...signInFailures,
          '429': failure('too_many_attempts: five wrong passwords for this e-mail from this address within a minute; wait for Retry-After seconds'),
        },
      },
    },
    '/me': {
      get: { operationId: 'getMe', summary: 'The signed-in user', responses: { '200': ok('The signed-in agent or supervisor', 'Agent'), ...common } },
    },
    '/workspace': {
      get: {
        operationId: 'getWorkspace',
        summary: 'Agents, labels and channels, with the change seq they were read at and the dataset id',
        responses: { '200': ok('Reference data', 'WorkspaceResponse'), ...common },
      },
    },
    '/conversations': {
      get: {
        operationId: 'listConversations',
        summary: 'Keyset page in ascending id: open conversations, and resolved ones since resolvedSince',
        parameters: queryParameters(ConversationsQuery),
        responses: { '200': ok('One page', 'ConversationsPage'), ...common },
      },
    },
    '/conversations/search': {
      get: {
        operationId: 'searchResolvedConversations',
        summary:
          'Resolved conversations of any age whose customer name or handle has every query word (the last as a prefix), or whose ticket number is the query; newest resolved first, keyset paged with before and beforeId',
        parameters: queryParameters(SearchQuery),
        responses: { '200': ok('One page', 'SearchPage'), ...common },
      },
    },
    '/conversations/{id}': {
      get: {
        operationId: 'getConversation',
        parameters: [idParameter],
        responses: { '200': ok('The conversation', 'Conversation'), ...common, '404': failure('not_found') },
      },
    },
    '/conversations/{id}/messages': {
      get: {
        operationId: 'listMessages',
        summary: 'The thread, newest first, paged backwards with before',
        parameters: [idParameter, ...queryParameters(MessagesQuery)],
        responses: { '200': ok('One page', 'MessagesPage'), ...common, '404': failure('not_found') },
      },
    },
    '/conversations/{id}/assign': {
      post: {
        operationId: 'assignConversation',
        summary: 'Assign a queued conversation to an agent: supervisors for anyone, agents only to themselves',
        parameters: [idParameter, idempotencyKeyParameter],
        requestBody: { required: true, content: json(inputSchema(AssignRequest)) },
        responses: handoffResponses('The conversation after the assignment (unchanged if it already sat with that agent)'),
      },
    },
    '/conversations/{id}/transfer': {
      post: {
        operationId: 'transferConversation',
        summary: 'Move a handled conversation from its agent to another (supervisors only)',
        parameters: [idParameter, idempotencyKeyParameter],
        requestBody: { required: true, content: json(inputSchema(TransferRequest)) },
        responses: handoffResponses('The conversation after the transfer'),
      },
    },
    '/assignments': {
      get: {
        operationId: 'listAssignments',
        summary: 'The assignment log (Log History), oldest first or newest first, keyset paged by id (supervisors only)',
        parameters: queryParameters(AssignmentsQuery),
        responses: { '200': ok('One page', 'AssignmentsPage'), ...common, '403': failure('forbidden: only supervisors read the log') },
      },
    },
    '/changes': {
      get: {
        operationId: 'listChanges',
        summary: 'Changes after a seq, in order',
        parameters: queryParameters(ChangesQuery),
        responses: {
          '200': ok('One page of changes', 'ChangesPage'),
          ...common,
          '410': failure('cursor_expired: the cursor is older than the server keeps or from another dataset; start over'),
        },
      },
    },
    '/stream': {
      get: {
        operationId: 'streamChanges',
        summary: 'Server-sent events: `event: change` with id = seq and a Change as data; `event: reset` with an ApiError when the cursor is expired; `: ping` heartbeats',
        parameters: [
          { name: 'after', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
          { name: 'Last-Event-ID', in: 'header', required: false, description: 'Takes precedence over after.', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...common },
      },
    },
    '/stats': {
      get: {
        operationId: 'getStats',
        summary: 'Counts over the same window as /conversations',
        parameters: queryParameters(StatsQuery),
        responses: { '200': ok('Counts', 'StatsResponse'), ...common },
      },
    },
    '/demo/conversations': {
      post: {
        operationId: 'createDemoConversation',
        summary: 'Demo mode only: a new queued conversation with a first message, now',
        requestBody: { required: false, content: json(inputSchema(DemoConversationRequest)) },
        responses: { '201': ok('The new conversation', 'Conversation'), ...signInFailures, '404': failure('not_found: the server is not in demo mode') },
      },
    },
    '/demo/conversations/{id}/messages': {
      post: {
        operationId: 'createDemoMessage',
        summary: "Demo mode only: the customer writes in an existing conversation, now (its version moves on, as with any message)",
        parameters: [idParameter],
        requestBody: { required: true, content: json(inputSchema(DemoMessageRequest)) },
        responses: { '201': ok('The new message', 'Message'), ...signInFailures, '404': failure('not_found: no such conversation, or the server is not in demo mode') },
      },
    },
    '/demo/faults': {
      get: {
        operationId: 'getDemoFaults',
        summary: 'Demo mode only: the fault knobs in force',
        responses: { '200': ok('The knobs', 'FaultSettings'), ...signInFailures, '404': failure('not_found: the server is not in demo mode') },
      },
      post: {
        operationId: 'setDemoFaults',
        summary:
          'Demo mode only: set fault knobs for sync tests (fields left out keep their value; the fault PRNG restarts from seed). They apply to every API route except sign-in and /demo/*.',
        requestBody: { required: false, content: json(inputSchema(FaultSettingsPatch)) },
        responses: { '200': ok('The knobs now in force', 'FaultSettings'), ...signInFailures, '404': failure('not_found: the server is not in demo mode') },
      },
    },
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Observe Interaction API',
      version: '1.0.0',
      description: 'What the Observe reference server serves and the Observe desktop app consumes. Generated from shared/api by server/openapi/generate.ts.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '8080' } } }],
    security: [{ bearer: [] }],
    paths: Object.fromEntries(Object.entries(paths).map(([path, item]) => [`${API_PREFIX}${path}`, item])),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: componentSchemas(),
    },
  }
}

export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`
}
