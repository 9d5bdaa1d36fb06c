import { describe, expect, it } from 'vitest'
import { opened } from '../../electron/main/opened'

describe('opened', () => {
  it('gives what was opened once it is ready, and leaves it open', async () => {
    let closes = 0
    const value = { name: 'runtime' }
    await expect(opened(value, Promise.resolve(), async () => void closes++)).resolves.toBe(value)
    expect(closes).toBe(0)
  })

  it('closes what failed to open before the error goes on', async () => {
    const steps: string[] = []
    const failing = Promise.reject(new Error('the cache is locked'))
    await expect(
      opened({}, failing, async () => {
        await Promise.resolve()
        steps.push('closed')
      }),
    ).rejects.toThrow('the cache is locked')
    expect(steps).toEqual(['closed'])
  })
})
