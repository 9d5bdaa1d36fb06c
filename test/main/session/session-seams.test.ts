import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_SERVER_KEY, profileDir, profileId } from '../../../electron/main/session/profile'
import { MemorySecretStore } from '../../../electron/main/session/secret-store'
import { parseStoredSession } from '../../../electron/main/session/sign-in'
import { usableBounds } from '../../../electron/main/window-bounds'

describe('the in-memory secret store', () => {
  it('keeps, replaces and forgets secrets by key, and says they do not persist', async () => {
    const store = new MemorySecretStore()
    expect(store.persistent).toBe(false)
    expect(await store.get('a')).toBeNull()
    await store.set('a', 'one')
    await store.set('b', 'two')
    await store.set('a', 'three')
    expect(await store.get('a')).toBe('three')
    await store.delete('a')
    expect(await store.get('a')).toBeNull()
    expect(await store.get('b')).toBe('two')
  })

  it('holds stored sessions that are read back only when they are whole', () => {
    const me = { id: 1, name: 'S', email: 's@x.y', role: 'supervisor', presence: 'online', quota: 5, load: 0 }
    expect(parseStoredSession(JSON.stringify({ token: 't', expiresAt: 5, me }))).toMatchObject({ token: 't' })
    expect(parseStoredSession('{"token":')).toBeNull()
    expect(parseStoredSession(JSON.stringify({ token: 't' }))).toBeNull()
    expect(parseStoredSession(null)).toBeNull()
  })
})

describe('profile folders', () => {
  it('differ by server and by user', () => {
    const a = profileId('https://oca.example', 'spv@a.id')
    expect(profileId('https://other.example', 'spv@a.id')).not.toBe(a)
    expect(profileId('https://oca.example', 'lead@a.id')).not.toBe(a)
    expect(profileId(DEMO_SERVER_KEY, 'spv@a.id')).not.toBe(a)
  })

  it('are the same for the same server and user, however they are written', () => {
    const a = profileId('https://oca.example', 'spv@a.id')
    expect(profileId('https://OCA.example:443/', ' SPV@a.id ')).toBe(a)
    expect(profileId('https://oca.example', 'spv@a.id')).toBe(a)
    expect(profileId('https://oca.example/tenant', 'spv@a.id')).not.toBe(a)
    expect(profileDir('/data', 'https://oca.example', 'spv@a.id')).toBe(join('/data', 'profiles', a))
    expect(a).toMatch(/^[0-9a-f]{24}$/)
  })
})

describe('restoring the window where it was', () => {
  const min = { width: 960, height: 600 }
  const laptop = { x: 0, y: 0, width: 1440, height: 875 }
  const rightMonitor = { x: 1440, y: 0, width: 1920, height: 1050 }
  const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false }

  it('uses bounds that are on a screen', () => {
    expect(usableBounds(saved, [laptop, rightMonitor], min)).toEqual(saved)
    expect(usableBounds({ ...saved, x: 100, maximized: true }, [laptop], min)).toEqual({ ...saved, x: 100, maximized: true })
  })

  it('ignores bounds on a monitor that is gone, or with the title bar out of reach', () => {
    expect(usableBounds(saved, [laptop], min)).toBeNull()
    // Only 40 px of the title bar on the laptop's left edge: too little to grab.
    expect(usableBounds({ ...saved, x: 40 - saved.width }, [laptop], min)).toBeNull()
    expect(usableBounds({ ...saved, x: 100, y: -300 }, [laptop], min)).toBeNull()
    expect(usableBounds({ ...saved, x: 100, y: 870 }, [laptop], min)).toBeNull()
  })

  it('ignores nothing saved and sizes below the minimum, and shrinks a window larger than its screen', () => {
    expect(usableBounds(null, [laptop], min)).toBeNull()
    expect(usableBounds({ ...saved, x: 0, width: 400 }, [laptop], min)).toBeNull()
    expect(usableBounds({ ...saved, x: 0, y: 0, width: 2500, height: 1400 }, [laptop], min)).toEqual({ ...saved, x: 0, y: 0, width: 1440, height: 875 })
  })
})
