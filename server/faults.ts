/**
 * Fault injection, so sync tests can meet a slow, failing and sloppy server on purpose: latency,
 * a share of 503 answers, event streams that drop, and conversation records sent malformed.
 * Faults touch only what goes over the wire, never the store. Sign-in and the demo endpoints are
 * exempt, so a test can always get in and turn the faults off again.
 *
 * Repeatable by design: which requests fail follows a PRNG seeded by `seed` and restarted at every
 * update; which records are malformed is a hash of the seed with the record's id and version (pages)
 * or its seq (change feed), so a refetch gets the very same bad records and a client must skip them.
 */
import type { FastifyInstance } from 'fastify'
import { API_PREFIX, FaultSettings, type ChangeEnvelope, type FaultSettingsPatch } from '../shared/api'
import type { Conversation } from '../shared/domain'
import { ApiFailure } from './errors'
import { createRandom, mixSeed, type Random } from './random'

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, dropStreamAfter: 0, malformedRate: 0, seed: 1 }

const EXEMPT = [`${API_PREFIX}/auth/sign-in`, `${API_PREFIX}/demo/`]

/** Options may carry undefined for knobs left unset (CLI flags not given); those keep their value. */
function defined(patch: FaultSettingsPatch): FaultSettingsPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))
}

/** A share in [0, 1) from a seed and two numbers, the same every time. */
function share(seed: number, a: number, b: number): number {
  return mixSeed(mixSeed(seed, a), b) / 4294967296
}

/** Three ways a record goes bad; each keeps the id so a client can say which one it skipped. */
function malform(record: Conversation, variant: number): Record<string, unknown> {
  switch (variant % 3) {
    case 0: {
      const { customer: _missing, ...rest } = record
      return rest
    }
    case 1:
      return { ...record, status: 'open' }
    default:
      return { ...record, version: String(record.version) }
  }
}

export class Faults {
  private settings: FaultSettings
  private random: Random
  /** Requests still waiting out their latency: closing the server ends each wait at once. */
  private readonly waits = new Set<() => void>()
  private closed = false

  constructor(initial: FaultSettingsPatch = {}) {
    this.settings = FaultSettings.parse({ ...NO_FAULTS, ...defined(initial) })
    this.random = createRandom(this.settings.seed)
  }

  get current(): FaultSettings {
    return { ...this.settings }
  }

  update(patch: FaultSettingsPatch): FaultSettings {
    this.settings = FaultSettings.parse({ ...this.settings, ...defined(patch) })
    this.random = createRandom(this.settings.seed)
    return this.current
  }

  /** Runs before authentication, so even a request that would be refused can be slow or fail. */
  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      // By the route matched, as the token check goes: "/%61pi/v1/…" must not dodge the faults.
      const path = request.routeOptions.url ?? ''
      if (!path.startsWith(`${API_PREFIX}/`) || EXEMPT.some((prefix) => path.startsWith(prefix))) return
      const { latencyMs, errorRate } = this.settings
      if (latencyMs > 0) await this.delay(latencyMs)
      // A request whose wait outlived the server must not run: the store it would read is closed.
      if (this.closed) throw new ApiFailure(503, 'unavailable', 'The server is shutting down')
      // Fails before the handler runs: nothing is applied, so a retry is always safe.
      if (errorRate > 0 && this.random.chance(errorRate)) {
        throw new ApiFailure(503, 'unavailable', 'Injected fault: the server is pretending to be unavailable (errorRate)')
      }
    })
  }

  /**
   * Ends every latency wait and refuses what comes after. A client that gave up on a slow answer has
   * closed its socket, so closing the HTTP server does not wait for the request's handler, which
   * would otherwise run on, after the store was closed, when its latency ran out.
   */
  /** How many requests are waiting out their latency now. */
  get waiting(): number {
    return this.waits.size
  }

  close(): void {
    this.closed = true
    for (const end of [...this.waits]) end()
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer)
        this.waits.delete(end)
        resolve()
      }
      const timer = setTimeout(end, ms)
      this.waits.add(end)
    })
  }

  /** A conversation as sent in a page: sometimes malformed, per malformedRate. */
  conversation(record: Conversation): unknown {
    const rate = this.settings.malformedRate
    if (rate === 0) return record
    const roll = share(this.settings.seed, record.id, record.version)
    return roll < rate ? malform(record, Math.floor((roll / rate) * 3)) : record
  }

  /** A change as sent by /changes and /stream: a conversation in it is sometimes malformed. */
  change(change: ChangeEnvelope): ChangeEnvelope {
    const rate = this.settings.malformedRate
    if (rate === 0 || change.entity !== 'conversation') return change
    const roll = share(this.settings.seed, change.seq, 0)
    return roll < rate ? { ...change, data: malform(change.data as Conversation, Math.floor((roll / rate) * 3)) } : change
  }

  /** Change events after which a stream is closed; 0 never. Read when the stream opens. */
  get dropStreamAfter(): number {
    return this.settings.dropStreamAfter
  }
}
