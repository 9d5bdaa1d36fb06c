import { describe, expect, it } from 'vitest'
import { KeptAlive } from '../../../electron/main/notify/kept-alive'

describe('native notifications kept alive until clicked or closed', () => {
  it('holds each one until it is let go', () => {
    const kept = new KeptAlive<object>()
    const [a, b] = [{}, {}]
    const releaseA = kept.keep(a)
    kept.keep(b)
    expect(kept.size).toBe(2)
    releaseA()
    releaseA()
    expect(kept.has(a)).toBe(false)
    expect(kept.has(b)).toBe(true)
  })

  it('never holds more than its bound, letting the oldest go first', () => {
    const kept = new KeptAlive<number>(3)
    for (let n = 1; n <= 5; n++) kept.keep(n)
    expect(kept.size).toBe(3)
    expect([1, 2, 3, 4, 5].filter((n) => kept.has(n))).toEqual([3, 4, 5])
  })
})
