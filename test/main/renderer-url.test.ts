import { describe, expect, it } from 'vitest'
import { rendererUrl } from '../../electron/main/renderer-url'
import { isTrustedSender } from '../../electron/main/trusted-sender'

const MAIN = '/opt/Observe/resources/app.asar/out/main'
const BUILT = 'file:///opt/Observe/resources/app.asar/out/renderer/index.html'

describe('the page the window shows, and IPC trusts', () => {
  it('is the built page in an installed app, whatever ELECTRON_RENDERER_URL says', () => {
    const attacker = { ELECTRON_RENDERER_URL: 'http://127.0.0.1:6666/' }
    expect(rendererUrl(true, attacker, MAIN)).toBe(BUILT)
    // So a page of a local process's own is not trusted with the window's API.
    expect(isTrustedSender({ url: 'http://127.0.0.1:6666/', isMainFrame: true }, rendererUrl(true, attacker, MAIN))).toBe(false)
  })

  it("is electron-vite's dev server while developing, and only on loopback", () => {
    expect(rendererUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, MAIN)).toBe('http://localhost:5173')
    expect(rendererUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' }, MAIN)).toBe(BUILT)
    expect(rendererUrl(false, { ELECTRON_RENDERER_URL: 'file:///tmp/page.html' }, MAIN)).toBe(BUILT)
    expect(rendererUrl(false, {}, MAIN)).toBe(BUILT)
  })
})
