/**
 * Every timestamp in the cache is the server's. A PC whose clock is off (a wrong time zone with the
 * right local time is common) must still measure waits, the retention window and the last sync by
 * the server's clock, read off the Date header of its answers.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CLOCK_TOLERANCE_MS, ServerClock } from '../../../electron/main/backend/server-clock'
import { parseHttpDate } from '../../../electron/main/backend/http-date'
import type { ConnectionState } from '../../../shared/ipc'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import { Cleanup, ipc, openCache, startCore, startServer, tempDir } from '../support/reference'

const TWO_HOURS = 2 * 3_600_000
const header = (at: number): string => new Date(at).toUTCString()

describe('ServerClock', () => {
  it('takes the offset from a Date header, at the middle of the round trip', () => {
    const clock = new ServerClock()
    const told: number[] = []
    clock.onChange((offset) => told.push(offset))
    const sentAt = Date.now()
    clock.observe(header(sentAt + 100 - TWO_HOURS), sentAt, sentAt + 200)
    expect(Math.abs(clock.offsetMs + TWO_HOURS)).toBeLessThanOrEqual(1_000)
    expect(told).toEqual([clock.offsetMs])
    expect(Math.abs(clock.now() - (Date.now() - TWO_HOURS))).toBeLessThanOrEqual(1_100)
  })

  it('leaves a clock within a couple of seconds alone, and does not jitter between readings', () => {
    const clock = new ServerClock()
    const told: number[] = []
    clock.onChange((offset) => told.push(offset))
    const at = Date.now()
    clock.observe(header(at + 1_000), at, at)
    expect(clock.offsetMs).toBe(0)
    clock.observe(header(at + 60_000), at, at)
    const offset = clock.offsetMs
    expect(offset).toBeGreaterThan(59_000)
    // Whole-second headers a second either way of the first reading change nothing.
    clock.observe(header(at + 59_000), at, at)
    clock.observe(header(at + 61_000), at, at)
    expect(clock.offsetMs).toBe(offset)
    expect(told).toEqual([offset])
    expect(CLOCK_TOLERANCE_MS).toBeGreaterThanOrEqual(1_000)
  })

  it('ignores answers without a usable header, or too slow to say when they were written', () => {
    const clock = new ServerClock()
    const at = Date.now()
    clock.observe(undefined, at, at)
    clock.observe('yesterday-ish', at, at)
    clock.observe(header(at + TWO_HOURS), at, at + 10_000)
    expect(clock.offsetMs).toBe(0)
  })
})

describe('parseHttpDate', () => {
  // RFC 9110's own example moment, moved into this century: all three forms name it.
  const moment = Date.UTC(2026, 10, 6, 8, 49, 37)
  const now = Date.UTC(2026, 11, 7)

  it('reads IMF-fixdate and the two obsolete forms a recipient must accept, all as UTC', () => {
    expect(parseHttpDate('Fri, 06 Nov 2026 08:49:37 GMT', now)).toBe(moment)
    expect(parseHttpDate('Friday, 06-Nov-26 08:49:37 GMT', now)).toBe(moment)
    expect(parseHttpDate('Fri Nov  6 08:49:37 2026', now)).toBe(moment)
    expect(parseHttpDate('Fri Nov 16 08:49:37 2026', now)).toBe(moment + 10 * 86_400_000)
  })

  it('takes a two-digit year more than 50 years ahead as the last century, which is no server’s clock', () => {
    expect(parseHttpDate('Sunday, 06-Nov-76 08:49:37 GMT', now)).toBe(Date.UTC(2076, 10, 6, 8, 49, 37))
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBeNull()
  })

  it('refuses dates no calendar has, and near misses of each form', () => {
    for (const told of [
      'Tue, 31 Feb 2026 08:49:37 GMT',
      'Fri, 06 Nov 2026 24:00:00 GMT',
      'Fri, 6 Nov 2026 08:49:37 GMT',
      'Fri, 06 Nov 2026 08:49:37 UTC',
      'Fri, 06-Nov-26 08:49:37 GMT',
      'Friday, 06-Nov-2026 08:49:37 GMT',
      'Fri Nov 06 08:49:37 2026 GMT',
      'Fri Nov  0 08:49:37 2026',
      '2026-11-06T08:49:37Z',
    ]) expect(parseHttpDate(told, now), told).toBeNull()
  })
})

describe('ServerClock, given an obsolete form of the Date header', () => {
  it('takes the offset from an asctime date as UTC, not as this computer’s local time', () => {
    const clock = new ServerClock()
    const at = Date.now() + TWO_HOURS
    const d = new Date(at)
    const weekday = d.toUTCString().slice(0, 3)
    const month = d.toUTCString().slice(8, 11)
    const pad = (n: number): string => String(n).padStart(2, '0')
    const asctime = `${weekday} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`
    clock.observe(asctime, Date.now(), Date.now())
    expect(Math.abs(clock.offsetMs - TWO_HOURS)).toBeLessThanOrEqual(CLOCK_TOLERANCE_MS)
  })
})

describe('ServerClock, given a Date header that cannot be right', () => {
  it('ignores what is not an HTTP date, and years outside this century', () => {
    const clock = new ServerClock()
    const at = Date.now()
    // What a broken server or proxy sent in a helper's audit: a year-9999 clock pruned every
    // resolved chat from the cache and ended the session as expired; 1970 or "0" froze every wait at 0:00.
    for (const told of ['Fri, 31 Dec 9999 23:59:59 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT', '0', 'x 12', '+275760-09-13T00:00:00Z', new Date(at + TWO_HOURS).toISOString()]) {
      clock.observe(told, at, at)
      clock.observe(told, at, at)
    }
    expect(clock.offsetMs).toBe(0)
  })

  it('moves by more than a day only once a second reading agrees', () => {
    const clock = new ServerClock()
    const at = Date.now()
    const days = 3 * 86_400_000
    clock.observe(header(at + days), at, at)
    expect(clock.offsetMs).toBe(0)
    // A reading that agrees with the offset in use forgets the odd one.
    clock.observe(header(at), at, at)
    clock.observe(header(at + days), at, at)
    expect(clock.offsetMs).toBe(0)
    clock.observe(header(at + days), at, at)
    expect(Math.abs(clock.offsetMs - days)).toBeLessThanOrEqual(1_000)
  })
})

describe('a core whose computer runs two hours ahead of the server', () => {
  const cleanup = new Cleanup()
  afterEach(() => cleanup.run())

  it('says so in its connection state, and dates its last sync by the server clock', async () => {
    const server = await startServer(cleanup, { seed: 40, clockSkewMs: -TWO_HOURS })
    const { core } = await startCore(cleanup, server, tempDir(cleanup))
    await expect
      .poll(async () => (await ipc<ConnectionState>(core, 'connection:get')).clockOffsetMs ?? 0, { timeout: 20_000 })
      .toBeLessThan(-TWO_HOURS + 5_000)
    await expect.poll(async () => (await ipc<ConnectionState>(core, 'connection:get')).lastSyncedAt ?? 0, { timeout: 20_000 }).toBeGreaterThan(0)
    const state = await ipc<ConnectionState>(core, 'connection:get')
    expect(state.clockOffsetMs).toBeGreaterThan(-TWO_HOURS - 5_000)
    // Synced "just now" by the server's clock: by this computer's, two hours ago.
    expect(Math.abs(state.lastSyncedAt! - (Date.now() - TWO_HOURS))).toBeLessThan(60_000)
  })

  it('keeps the offset with the cache, so a start without a connection measures by the server clock too', async () => {
    const server = await startServer(cleanup, { seed: 40, clockSkewMs: -TWO_HOURS })
    const dir = tempDir(cleanup)
    const first = await startCore(cleanup, server, dir)
    const cache = openCache(cleanup, dir)
    await expect
      .poll(() => readSyncState(cache).clockOffsetMs, { timeout: 20_000 })
      .toBeLessThan(-TWO_HOURS + 5_000)
    await first.core.stop()
    await server.close()
    const again = await startCore(cleanup, server, dir)
    const state = await ipc<ConnectionState>(again.core, 'connection:get')
    expect(state.clockOffsetMs).toBeLessThan(-TWO_HOURS + 5_000)
    expect(state.clockOffsetMs).toBeGreaterThan(-TWO_HOURS - 5_000)
    await expect.poll(async () => (await ipc<ConnectionState>(again.core, 'connection:get')).status, { timeout: 20_000 }).toBe('offline')
    expect((await ipc<ConnectionState>(again.core, 'connection:get')).clockOffsetMs).toBe(state.clockOffsetMs)
  })
})
