import { describe, expect, it } from 'vitest'
import { MIN_WINDOW } from '../../shared/ipc/settings'
import { COLUMNS_BY_TAB, columnsFor, columnsWidth, gridTemplate, MAX_NEED, needsFor } from '../../renderer/src/components/conversations/columns'

/** The widest scroll bar a desktop draws beside the list (Windows' classic one). */
const SCROLL_BAR = 17

describe('the columns a list shows', () => {
  it('are all of the tab’s until the list’s width is known', () => {
    expect(columnsFor('all', null)).toEqual(COLUMNS_BY_TAB.all)
    expect(columnsFor('in_queue', null, 'waiting_desc')).toEqual(COLUMNS_BY_TAB.in_queue)
  })

  it('are all of every tab’s in the smallest window, beside a scroll bar', () => {
    for (const tab of ['all', 'in_queue', 'handled'] as const) {
      expect(columnsWidth(COLUMNS_BY_TAB[tab])).toBeLessThanOrEqual(MIN_WINDOW.width - SCROLL_BAR)
      expect(columnsFor(tab, MIN_WINDOW.width - SCROLL_BAR, 'activity_desc')).toEqual(COLUMNS_BY_TAB[tab])
    }
  })

  it('give way one at a time in a narrower list: type, start, channel, last activity, labels', () => {
    const all = COLUMNS_BY_TAB.all
    const without = (...gone: string[]) => all.filter((c) => !gone.includes(c))
    const just = (columns: readonly (typeof all)[number][]) => columnsWidth(columns)
    expect(columnsFor('all', just(all) - 1, 'customer_asc')).toEqual(without('type'))
    expect(columnsFor('all', just(without('type', 'started')), 'customer_asc')).toEqual(without('type', 'started'))
    expect(columnsFor('all', just(without('type', 'started')) - 1, 'customer_asc')).toEqual(without('type', 'started', 'channel'))
    expect(columnsFor('all', 100, 'customer_asc')).toEqual(['customer', 'status', 'agent'])
  })

  it('keep the column the list is sorted by, however narrow', () => {
    expect(columnsFor('all', 100, 'created_asc')).toContain('started')
    expect(columnsFor('all', 100, 'activity_desc')).toContain('lastActivity')
    expect(columnsFor('in_queue', 100, 'waiting_desc')).toEqual(['customer', 'agent', 'waiting'])
  })
})

describe('the room an agent column needs for its names', () => {
  const all = COLUMNS_BY_TAB.all
  const without = (...gone: string[]) => all.filter((c) => !gone.includes(c))

  it('widens the column past its own minimum, before the columns that grow share what is left', () => {
    expect(gridTemplate(['customer', 'labels', 'agent'], { agent: 170 })).toBe('minmax(146px, 1.8fr) minmax(104px, 1.5fr) minmax(170px, 1.3fr)')
    // A need under the minimum changes nothing.
    expect(gridTemplate(['agent'], { agent: 90 })).toBe(gridTemplate(['agent']))
  })

  it('lets the columns give way for a name in their usual order, rather than cut it', () => {
    const needs = { agent: 170 }
    const width = columnsWidth(all) // every column fits at the minimums, with a 120px agent column
    expect(columnsFor('all', width, 'customer_asc')).toEqual(all)
    expect(columnsFor('all', width, 'customer_asc', needs)).toEqual(without('type'))
    expect(columnsWidth(without('type'), needs)).toBeLessThanOrEqual(width)
  })

  it('claims no more than about thirty letters, so one very long name does not push the other columns out', () => {
    expect(columnsWidth(['agent'], { agent: 2000 })).toBe(MAX_NEED)
    expect(gridTemplate(['agent'], { agent: 2000 })).toBe(`minmax(${MAX_NEED}px, 1.3fr)`)
  })
})

describe('the room a channel column needs for its names', () => {
  const all = COLUMNS_BY_TAB.all
  // "Komentar Facebook" on one line, and its longer word ("Facebook") on a line of its own.
  const needs = { oneLine: { channel: 165 }, wrapped: { channel: 100 } }

  it('is a name on one line wherever every column fits so', () => {
    expect(needsFor('all', columnsWidth(all, needs.oneLine), needs)).toEqual({ channel: 165 })
    expect(needsFor('all', null, needs)).toEqual({ channel: 165 })
  })

  it('is a name on two lines where that keeps every column, as in the smallest window', () => {
    const width = columnsWidth(all, needs.oneLine) - 1
    expect(needsFor('all', width, needs)).toEqual({ channel: 100 })
    expect(columnsFor('all', width, 'activity_desc', needsFor('all', width, needs))).toEqual(all)
  })

  it('is a name on one line again once columns give way anyway, for what is left has the room', () => {
    const width = columnsWidth(all) - 1
    expect(needsFor('all', width, needs)).toEqual({ channel: 165 })
  })
})
