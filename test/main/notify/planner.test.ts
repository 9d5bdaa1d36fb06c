import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PLANNER_SETTINGS,
  NEW_CHAT_COOL_DOWN_MS,
  NotificationPlanner,
  type Notice,
  type PlannerSettings,
  type QueuedChat,
  type UnreadStretch,
} from '../../../electron/main/notify/planner'

const minute = 60_000

function chat(id: number, queuedAt = 0): QueuedChat {
  return { id, customerName: `Customer ${id}`, channel: 'whatsapp', text: `halo ${id}`, queuedAt }
}

function setup(settings: Partial<PlannerSettings> = {}, minuteOfDay = 12 * 60) {
  const clock = { now: 10 * minute }
  const planner = new NotificationPlanner({ ...DEFAULT_PLANNER_SETTINGS, ...settings }, () => clock.now, () => minuteOfDay)
  return { planner, clock }
}

describe('notifications for new queued chats', () => {
  it('says nothing about what the bootstrap loads', () => {
    const { planner } = setup()
    planner.learn([chat(1), chat(2), chat(3)])
    expect(planner.observe([chat(1), chat(2), chat(3)])).toEqual([])
  })

  it('announces a chat that arrives after the bootstrap, once', () => {
    const { planner } = setup()
    planner.learn([chat(1)])
    expect(planner.observe([chat(1), chat(2)])).toEqual([{ kind: 'new_chat', chat: chat(2) }])
    expect(planner.observe([chat(1), chat(2)])).toEqual([])
  })

  it('coalesces a burst into one notice with the count', () => {
    const { planner } = setup({ coalesceAbove: 3 })
    planner.observe([])
    const notices = planner.observe([1, 2, 3, 4, 5].map((id) => chat(id)))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ kind: 'new_chats', count: 5 })
  })

  it('lists up to the threshold one by one', () => {
    const { planner } = setup({ coalesceAbove: 3 })
    planner.observe([])
    expect(planner.observe([chat(1), chat(2), chat(3)]).map((n) => n.kind)).toEqual(['new_chat', 'new_chat', 'new_chat'])
  })

  it('treats a chat that left the queue and came back as news', () => {
    const { planner, clock } = setup()
    planner.observe([chat(1)])
    planner.observe([])
    // Back after the cool-down that its first notice began (within it, it is told at its end).
    clock.now += NEW_CHAT_COOL_DOWN_MS
    expect(planner.observe([chat(1)])).toHaveLength(1)
  })

  it('says nothing of a chat that left the queue only by an assignment queued here, when that is refused or cancelled', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute })
    const waiting = chat(1, clock.now)
    expect(planner.observe([waiting])).toHaveLength(1)
    clock.now += 5 * minute
    expect(planner.overdue([waiting])).toHaveLength(1)
    // Shown as assigned ahead of the server, then put back as it was.
    expect(planner.observe([], null, new Set([1]))).toEqual([])
    expect(planner.observe([waiting])).toEqual([])
    expect(planner.overdue([waiting])).toEqual([])
    // Once the assignment is applied it has left for real: coming back is news again.
    planner.observe([])
    expect(planner.observe([waiting])).toHaveLength(1)
  })

  it('says nothing of such a chat either when Observe started while the assignment was already queued', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute })
    const waiting = chat(1, clock.now - 60 * minute)
    // A restart while offline: the first read finds the chat held out of the queue by the assignment.
    planner.learn([chat(2, clock.now)], null, new Set([1]))
    expect(planner.observe([chat(2, clock.now)], null, new Set([1]))).toEqual([])
    // Refused once the server is back: the same wait as before, not a new chat, and not a new alert.
    expect(planner.observe([waiting, chat(2, clock.now)])).toEqual([])
    expect(planner.overdue([waiting])).toEqual([])
    // Queued again later, it is news again.
    planner.observe([chat(2, clock.now)])
    expect(planner.observe([chat(1, clock.now), chat(2, clock.now)])).toHaveLength(1)
  })

  it('stays silent while paused and does not replay what arrived meanwhile', () => {
    const { planner, clock } = setup()
    planner.observe([])
    planner.pause(10 * minute)
    expect(planner.observe([chat(1)])).toEqual([])
    clock.now += 11 * minute
    expect(planner.isPaused()).toBe(false)
    expect(planner.observe([chat(1)])).toEqual([])
    expect(planner.observe([chat(1), chat(2)])).toHaveLength(1)
  })

  it('stays silent when notifications are off', () => {
    const { planner } = setup({ enabled: false })
    planner.observe([])
    expect(planner.observe([chat(1)])).toEqual([])
  })

  it('respects quiet hours that wrap past midnight', () => {
    const quietHours = { startMinute: 22 * 60, endMinute: 7 * 60 }
    for (const [at, silent] of [
      [23 * 60, true],
      [3 * 60, true],
      [7 * 60, false],
      [12 * 60, false],
    ] as const) {
      const { planner } = setup({ quietHours }, at)
      planner.observe([])
      expect(planner.observe([chat(1)]).length === 0).toBe(silent)
    }
  })
})

describe('waiting too long', () => {
  it('alerts once when a chat passes the threshold', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute })
    const waiting = chat(1, clock.now)
    expect(planner.overdue([waiting])).toEqual([])
    clock.now += 5 * minute
    expect(planner.overdue([waiting])).toEqual([{ kind: 'waiting_too_long', chat: waiting, waitedMs: 5 * minute }])
    clock.now += minute
    expect(planner.overdue([waiting])).toEqual([])
  })

  it('gathers a backlog found overdue at once into one notice, longest waiting first, then alerts each newcomer alone', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute, coalesceAbove: 3 })
    // The queue as a supervisor finds it on opening the app: eight chats, all waiting for a while.
    const backlog = [6, 9, 7, 12, 8, 20, 11, 15].map((waited, i) => chat(i + 1, clock.now - waited * minute))
    const [notice, ...rest] = planner.overdue(backlog)
    expect(rest).toEqual([])
    expect(notice).toMatchObject({ kind: 'many_waiting_too_long', count: 8, minutes: 5 })
    expect(notice?.kind === 'many_waiting_too_long' && notice.chats.map((c) => c.id)).toEqual([6, 8, 4, 7, 2])
    expect(planner.overdue(backlog)).toEqual([])

    // Later, one chat crosses the threshold on its own: a notice about that chat.
    const late = chat(50, clock.now)
    clock.now += 5 * minute
    expect(planner.overdue([...backlog, late])).toEqual([{ kind: 'waiting_too_long', chat: late, waitedMs: 5 * minute }])
  })

  it('keeps up to the threshold of overdue chats one by one, and says nothing while muted', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute, coalesceAbove: 3 })
    const three = [1, 2, 3].map((id) => chat(id, clock.now - 10 * minute))
    expect(planner.overdue(three).map((n) => n.kind)).toEqual(['waiting_too_long', 'waiting_too_long', 'waiting_too_long'])
    const muted = setup({ waitingTooLongMs: 5 * minute, enabled: false })
    expect(muted.planner.overdue([1, 2, 3, 4, 5].map((id) => chat(id, 0)))).toEqual([])
  })

  it('can be turned off', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 0 })
    expect(planner.overdue([chat(1, clock.now - 60 * minute)])).toEqual([])
  })
})

describe('a queue longer than one read', () => {
  /** Chats 1..20, queued a minute apart; a read holds `ends` chats from each end, the stretch between unread. */
  const queue = Array.from({ length: 20 }, (_, i) => chat(i + 1, i * minute))
  function read(chats: readonly QueuedChat[], ends = 4): [QueuedChat[], UnreadStretch] {
    if (chats.length <= 2 * ends) return [[...chats], null]
    return [[...chats.slice(0, ends), ...chats.slice(-ends)], { after: chats[ends - 1]!, before: chats.at(-ends)! }]
  }

  it('announces a chat that arrives at the newest end', () => {
    const { planner } = setup()
    planner.learn(...read(queue))
    const newcomer = chat(21, 30 * minute)
    expect(planner.observe(...read([...queue, newcomer]))).toEqual([{ kind: 'new_chat', chat: newcomer }])
  })

  it('says nothing of chats that come into view as the oldest are served, nor of those that slip out of view', () => {
    const { planner } = setup({ waitingTooLongMs: 0 })
    planner.learn(...read(queue))
    // Two served from the front: 5 and 6, never read before, come into view.
    expect(planner.observe(...read(queue.slice(2)))).toEqual([])
    // Two arrive (told), and push 15 and 16 of the newest end out of view.
    const two = [chat(21, 30 * minute), chat(22, 31 * minute)]
    expect(planner.observe(...read([...queue.slice(2), ...two])).map((n) => n.kind === 'new_chat' && n.chat.id)).toEqual([21, 22])
    // The queue shortens until it is read whole: none of those still waiting is news.
    expect(planner.observe(...read([...queue.slice(14), ...two]))).toEqual([])
  })

  it('still takes a chat that left from within view and came back as news, and one queued anew', () => {
    const { planner, clock } = setup()
    planner.learn(...read(queue))
    // 2 is picked up, then put back in the queue as it was.
    planner.observe(...read(queue.filter((c) => c.id !== 2)))
    expect(planner.observe(...read(queue)).map((n) => n.kind === 'new_chat' && n.chat.id)).toEqual([2])
    // 20 is handed back to the queue, queued again now, once the cool-down after 2's notice is over.
    clock.now += NEW_CHAT_COOL_DOWN_MS
    const requeued = chat(20, 40 * minute)
    expect(planner.observe(...read([...queue.slice(0, 19), requeued]))).toEqual([{ kind: 'new_chat', chat: requeued }])
  })

  it('leaves a chat that waited too long out of view to the backlog already told, not a notice of its own', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute, coalesceAbove: 3 })
    clock.now = 30 * minute
    planner.learn(...read(queue))
    const [inView] = read(queue)
    expect(planner.overdue(inView)).toMatchObject([{ kind: 'many_waiting_too_long', count: 8 }])
    // The oldest is served: 5 comes into view, overdue since long ago.
    const [next, unread] = read(queue.slice(1))
    planner.observe(next, unread)
    expect(planner.overdue(next)).toEqual([])
  })

  it('also leaves to the backlog a chat told of on arrival that waited too long out of view', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute, coalesceAbove: 3 })
    clock.now = 30 * minute
    planner.learn(...read(queue))
    planner.overdue(read(queue)[0])
    const arrived = chat(21, 30 * minute)
    expect(planner.observe(...read([...queue, arrived]))).toEqual([{ kind: 'new_chat', chat: arrived }])
    // Four more arrive and push 21 out of view, between the two ends a read holds.
    const four = [22, 23, 24, 25].map((id) => chat(id, 30 * minute))
    const [view, unread] = read([...queue, arrived, ...four])
    expect(view.map((c) => c.id)).not.toContain(21)
    planner.observe(view, unread)
    // The four cross the line in view and are told; 21 crosses it unseen.
    clock.now = 36 * minute
    expect(planner.overdue(view)).toMatchObject([{ kind: 'many_waiting_too_long', count: 4 }])
    // The older chats are served: 21 is in view again, and no notice of its own.
    const rest = [arrived, ...four]
    expect(planner.observe(...read(rest))).toEqual([])
    expect(planner.overdue(read(rest)[0])).toEqual([])
  })

  it('says which chats a reader from the newest end has still to count: not those seen, unread before, or back from an action here', () => {
    const { planner } = setup()
    planner.learn(...read(queue))
    expect(planner.isNews(queue.at(-1)!)).toBe(false)
    // Out of view at the last read: already waiting then.
    expect(planner.isNews(queue[9]!)).toBe(false)
    expect(planner.isNews(chat(21, 30 * minute))).toBe(true)
    // Queued anew: news again.
    expect(planner.isNews(chat(20, 40 * minute))).toBe(true)
    // Held out of the queue by an assignment queued here since before it was ever read (Observe
    // started offline), then back when that is refused: the same wait as before.
    planner.observe(...read(queue), new Set([30]))
    expect(planner.isNews(chat(30, 0))).toBe(false)
  })

  it('says "at least" of chats told while more news was left unread, however few were read', () => {
    const { planner } = setup({ coalesceAbove: 3 })
    planner.learn(...read(queue))
    const two = [chat(21, 30 * minute), chat(22, 31 * minute)]
    expect(planner.observe(...read([...queue, ...two]), undefined, true)).toEqual([{ kind: 'new_chats', count: 2, chats: two, atLeast: true }])
  })
})

describe('a steady stream of new chats', () => {
  const second = 1_000
  /** What a notice tells, at the second after the stream's start it is told. */
  const told = (at: number, notice: Notice): string =>
    `${at / second}s ${notice.kind === 'new_chats' ? `${notice.count} new (${notice.chats.map((c) => c.id).join(',')})` : notice.kind === 'new_chat' ? `#${notice.chat.id}` : notice.kind}`

  /**
   * Reads the queue as the watcher does: whenever a chat arrives, and when the planner says what it
   * gathered is due, whichever comes first, until `until`.
   */
  function run(planner: NotificationPlanner, clock: { now: number }, arrivals: QueuedChat[], until: number): string[] {
    const start = clock.now
    const queue: QueuedChat[] = []
    const heard: string[] = []
    let next = 0
    for (;;) {
      const arrival = arrivals[next]?.queuedAt ?? Infinity
      const due = planner.gatheredDueAt() ?? Infinity
      const at = Math.min(arrival, due)
      if (at > until) return heard
      clock.now = at
      while (arrivals[next] && arrivals[next]!.queuedAt <= at) queue.push(arrivals[next++]!)
      for (const notice of planner.observe(queue)) heard.push(told(at - start, notice))
    }
  }

  it('tells the first chat at once, then gathers the stream into one notice each time the cool-down ends', () => {
    const { planner, clock } = setup({ coalesceAbove: 3 })
    planner.learn([])
    // One chat every two seconds for a minute, as the demo server's simulator sends them.
    const stream = Array.from({ length: 30 }, (_, i) => chat(i + 1, clock.now + i * 2 * second))
    expect(NEW_CHAT_COOL_DOWN_MS).toBe(10 * second)
    expect(run(planner, clock, stream, clock.now + 2 * minute)).toEqual([
      '0s #1',
      '10s 5 new (2,3,4,5,6)',
      '20s 5 new (7,8,9,10,11)',
      '30s 5 new (12,13,14,15,16)',
      '40s 5 new (17,18,19,20,21)',
      '50s 5 new (22,23,24,25,26)',
      // The stream has stopped: the last four are told when the cool-down ends, by no arrival.
      '60s 4 new (27,28,29,30)',
    ])
    // Nothing left to tell, so nothing more to read for.
    expect(planner.gatheredDueAt()).toBeNull()
  })

  it('tells at the end of the cool-down only the gathered chats still waiting, as the supervisor set them to be told', () => {
    const { planner, clock } = setup({ coalesceAbove: 3 })
    const start = clock.now
    planner.learn([])
    const [first, picked, held, waiting] = [1, 2, 3, 4].map((id) => chat(id, start + (id - 1) * 2 * second)) as [QueuedChat, QueuedChat, QueuedChat, QueuedChat]
    expect(planner.observe([first])).toEqual([{ kind: 'new_chat', chat: first }])
    clock.now = picked.queuedAt
    expect(planner.observe([first, picked])).toEqual([])
    clock.now = held.queuedAt
    expect(planner.observe([first, picked, held])).toEqual([])
    clock.now = waiting.queuedAt
    // One is assigned on the server, another by this supervisor (held out of the queue until it is applied).
    expect(planner.observe([first, waiting], null, new Set([held.id]))).toEqual([])
    expect(planner.gatheredDueAt()).toBe(start + NEW_CHAT_COOL_DOWN_MS)
    clock.now = start + NEW_CHAT_COOL_DOWN_MS
    expect(planner.observe([first, waiting], null, new Set([held.id]))).toEqual([{ kind: 'new_chat', chat: waiting }])
    // If that assignment is refused, the chat is back in the same stay: no news.
    clock.now += NEW_CHAT_COOL_DOWN_MS
    expect(planner.observe([first, held, waiting])).toEqual([])
  })

  it('tells nothing gathered when every chat gathered was picked up, and the next chat after at once', () => {
    const { planner, clock } = setup()
    const start = clock.now
    planner.learn([])
    planner.observe([chat(1, start)])
    clock.now += 2 * second
    expect(planner.observe([chat(1, start), chat(2, clock.now)])).toEqual([])
    clock.now += 2 * second
    planner.observe([chat(1, start)])
    clock.now = start + NEW_CHAT_COOL_DOWN_MS
    expect(planner.observe([chat(1, start)])).toEqual([])
    // Nothing was told at its end, so no cool-down follows it.
    clock.now += second
    expect(planner.observe([chat(1, start), chat(3, clock.now)])).toEqual([{ kind: 'new_chat', chat: chat(3, clock.now) }])
  })

  it('tells nothing later of chats gathered while notifications were paused, turned off or in quiet hours', () => {
    const mutes: [string, (planner: NotificationPlanner, minute: { ofDay: number }) => () => void][] = [
      ['paused', (planner) => (planner.pause(minute), () => planner.pause(0))],
      ['off', (planner) => (planner.configure({ ...DEFAULT_PLANNER_SETTINGS, enabled: false }), () => planner.configure(DEFAULT_PLANNER_SETTINGS))],
      ['quiet', (_, time) => ((time.ofDay = 22 * 60), () => (time.ofDay = 7 * 60))],
    ]
    for (const [why, mute] of mutes) {
      const time = { ofDay: 21 * 60 + 59 }
      const clock = { now: 10 * minute }
      const planner = new NotificationPlanner({ ...DEFAULT_PLANNER_SETTINGS, quietHours: { startMinute: 22 * 60, endMinute: 7 * 60 } }, () => clock.now, () => time.ofDay)
      const start = clock.now
      planner.learn([])
      const queue = [chat(1, start)]
      expect(planner.observe(queue)).toHaveLength(1)
      clock.now += 2 * second
      queue.push(chat(2, clock.now))
      expect(planner.observe(queue)).toEqual([])
      const unmute = mute(planner, time)
      // A read while muted (the watcher reads on every change).
      clock.now += 2 * second
      queue.push(chat(3, clock.now))
      expect(planner.observe(queue), why).toEqual([])
      unmute()
      clock.now = start + NEW_CHAT_COOL_DOWN_MS
      expect(planner.gatheredDueAt(), why).toBeNull()
      expect(planner.observe(queue), why).toEqual([])
      // Unmuted, the next chat is told at once: the muted spell was a quiet one.
      clock.now += second
      queue.push(chat(4, clock.now))
      expect(planner.observe(queue).map((n) => n.kind === 'new_chat' && n.chat.id), why).toEqual([4])
    }
  })

  it('tells the first chat after a quiet spell at once', () => {
    const { planner, clock } = setup()
    const start = clock.now
    planner.learn([])
    const queue = [chat(1, start)]
    planner.observe(queue)
    clock.now += 4 * second
    queue.push(chat(2, clock.now))
    planner.observe(queue)
    expect(planner.quiet()).toBe(false)
    clock.now = start + NEW_CHAT_COOL_DOWN_MS
    expect(planner.observe(queue).map((n) => n.kind === 'new_chat' && n.chat.id)).toEqual([2])
    // That notice began another cool-down; a chat well after it is told as it comes.
    clock.now += NEW_CHAT_COOL_DOWN_MS + 5 * second
    expect(planner.quiet()).toBe(true)
    queue.push(chat(3, clock.now))
    expect(planner.observe(queue).map((n) => n.kind === 'new_chat' && n.chat.id)).toEqual([3])
  })

  it('does not tell as new a gathered chat already alerted as waiting too long', () => {
    const { planner, clock } = setup({ waitingTooLongMs: 5 * minute })
    const start = clock.now
    planner.learn([])
    const queue = [chat(1, start)]
    planner.observe(queue)
    // Back in the queue with the wait it had before: past the long wait on arrival.
    clock.now += 2 * second
    const back = chat(2, start - 6 * minute)
    queue.push(back)
    expect(planner.observe(queue)).toEqual([])
    expect(planner.overdue(queue)).toEqual([{ kind: 'waiting_too_long', chat: back, waitedMs: 6 * minute + 2 * second }])
    clock.now = start + NEW_CHAT_COOL_DOWN_MS
    expect(planner.observe(queue)).toEqual([])
  })

  it('keeps "at least" for a read during the cool-down that stopped while it still found news', () => {
    const { planner, clock } = setup({ coalesceAbove: 3 })
    const start = clock.now
    planner.learn([])
    const queue = [chat(1, start)]
    planner.observe(queue)
    clock.now += 2 * second
    queue.push(chat(2, clock.now), chat(3, clock.now))
    expect(planner.observe(queue, null, undefined, true)).toEqual([])
    clock.now = start + NEW_CHAT_COOL_DOWN_MS
    expect(planner.observe(queue)).toEqual([{ kind: 'new_chats', count: 2, chats: [chat(2, start + 2 * second), chat(3, start + 2 * second)], atLeast: true }])
  })
})
