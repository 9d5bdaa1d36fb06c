/**
 * The traffic simulator: keeps the demo floor alive. At `rate` ticks per minute a new chat arrives,
 * and online agents under quota pick up the longest-waiting chat, answer, and resolve.
 */
import { CHANNEL_KINDS, type ChannelKind } from '../shared/domain'
import type { ConversationActions } from './actions'
import { orderNumberOf } from './db/thread'
import { ApiFailure } from './errors'
import { customerHandle, randomPersonName } from './names'
import { AGENT_GREETING, fill, languageOf, topicOf } from './phrases'
import { createRandom, type Random } from './random'
import type { Store } from './store'
import { CHANNEL_WEIGHTS } from './workspace-data'

export class TrafficSimulator {
  private timer: NodeJS.Timeout | undefined
  private readonly random: Random = createRandom(Date.now())
  private readonly intervalMs: number

  constructor(
    private readonly store: Store,
    private readonly actions: ConversationActions,
    ratePerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.intervalMs = Math.max(20, 60_000 / Math.max(ratePerMinute, 0.001))
  }

  start(): void {
    if (this.timer !== undefined) return
    const loop = (): void => {
      this.tick()
      // Jitter so arrivals do not look like a metronome.
      this.timer = setTimeout(loop, this.intervalMs * (0.5 + this.random.next()))
      this.timer.unref()
    }
    this.timer = setTimeout(loop, this.intervalMs * (0.5 + this.random.next()))
    this.timer.unref()
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** One step of floor activity; also callable directly. */
  tick(): void {
    const steps: Array<[number, () => void]> = [
      [1, () => this.arrive()],
      [0.9, () => this.pickUp()],
      [0.7, () => this.converse()],
      [0.8, () => this.resolveOne()],
      [0.03, () => this.changePresence()],
    ]
    for (const [probability, step] of steps) {
      if (!this.random.chance(probability)) continue
      try {
        step()
      } catch (error) {
        // Losing a race (say, an agent reaching quota) is normal on a live floor; anything else is a bug.
        if (!(error instanceof ApiFailure)) console.error('simulator step failed', error)
      }
    }
  }

  private channel(): ChannelKind {
    const total = CHANNEL_KINDS.reduce((sum, kind) => sum + CHANNEL_WEIGHTS[kind], 0)
    let roll = this.random.next() * total
    for (const kind of CHANNEL_KINDS) {
      roll -= CHANNEL_WEIGHTS[kind]
      if (roll < 0) return kind
    }
    return 'whatsapp'
  }

  private arrive(): void {
    const channel = this.channel()
    const person = randomPersonName(this.random)
    const id = this.store.conversations.lastId() + 1
    this.actions.arrive({
      channel,
      customerName: person.name,
      customerHandle: customerHandle(channel, person, this.random),
      text: topicOf(id, languageOf(id, person.name)).opening,
      now: this.now(),
    })
  }

  private pickUp(): void {
    const queued = this.store.conversations.firstInStatus('in_queue')
    const agents = this.store.workspace
      .agents()
      .filter((agent) => agent.role === 'agent' && agent.presence === 'online' && agent.load < agent.quota)
      .sort((a, b) => a.load / a.quota - b.load / b.quota)
    const agent = agents[0]
    if (queued === undefined || agent === undefined) return
    const conversation = this.actions.assign(queued, agent.id, { byAgentId: agent.id, overrideQuota: false, now: this.now() })
    const language = languageOf(conversation.id, conversation.customer.name)
    const greeting = fill(AGENT_GREETING[language], {
      name: conversation.customer.name.split(' ')[0] ?? '',
      agent: agent.name.split(' ')[0] ?? agent.name,
    })
    this.actions.write(conversation.id, 'agent', greeting, this.now())
  }

  /**
   * Any handled chat, each as likely as the next. Picking the first one after a random id favoured
   * those after a long run of resolved ids: the few seeded chats still open after weeks, so the
   * floor's first minutes resolved mostly chats weeks old and left the fresh ones open.
   */
  private randomHandled(): number | undefined {
    const count = this.store.conversations.countInStatus('handled')
    return count === 0 ? undefined : this.store.conversations.nthInStatus('handled', this.random.int(0, count - 1))
  }

  private converse(): void {
    const id = this.randomHandled()
    if (id === undefined) return
    const conversation = this.store.conversations.get(id)!
    const topic = topicOf(id, languageOf(id, conversation.customer.name))
    if (this.random.chance(0.5)) this.actions.write(id, 'agent', this.random.pick(topic.replies), this.now())
    else this.actions.write(id, 'customer', fill(this.random.pick(topic.details), { n: orderNumberOf(id) }), this.now())
  }

  private resolveOne(): void {
    const id = this.randomHandled()
    if (id === undefined) return
    const conversation = this.store.conversations.get(id)!
    this.actions.write(id, 'agent', topicOf(id, languageOf(id, conversation.customer.name)).closing, this.now())
    this.actions.resolve(id, this.now())
  }

  private changePresence(): void {
    const agent = this.random.pick(this.store.workspace.agents().filter((candidate) => candidate.role === 'agent' && candidate.presence !== 'offline'))
    this.actions.setPresence(agent.id, agent.presence === 'online' ? 'away' : 'online')
  }
}
