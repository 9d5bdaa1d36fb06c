import { describe, expect, it } from 'vitest'
import { LaunchConfigError, readLaunchConfig } from '../../electron/main/launch-config'
import { isTrustedSender } from '../../electron/main/trusted-sender'
import { safeExternalUrl } from '../../shared/external-links'

describe('choosing the backend at launch', () => {
  it('starts the embedded reference server when no server is named', () => {
    expect(readLaunchConfig([], {})).toEqual({ kind: 'embedded' })
  })

  it('takes --server, --email and --password from the command line', () => {
    const config = readLaunchConfig(['--server', 'https://10.1.2.3:8080/', '--email', 'a@b.c', '--password', 'pw'], {})
    expect(config).toEqual({ kind: 'remote', server: { url: 'https://10.1.2.3:8080', email: 'a@b.c', password: 'pw' } })
    // A server on this computer may go without TLS.
    expect(readLaunchConfig(['--server', 'http://127.0.0.1:4000', '--email', 'a@b.c', '--password', 'pw'], {})).toMatchObject({ kind: 'remote' })
  })

  it('falls back to OBSERVE_* variables, flags winning over them', () => {
    const env = { OBSERVE_SERVER: 'https://oca.example', OBSERVE_EMAIL: 'env@x.y', OBSERVE_PASSWORD: 'secret' }
    expect(readLaunchConfig([], env)).toMatchObject({ server: { url: 'https://oca.example', email: 'env@x.y' } })
    expect(readLaunchConfig(['--email', 'flag@x.y'], env)).toMatchObject({ server: { email: 'flag@x.y' } })
  })

  it('ignores switches Electron and Chromium add', () => {
    expect(readLaunchConfig(['.', '--no-sandbox', '--user-data-dir=/tmp/x'], {})).toEqual({ kind: 'embedded' })
  })

  it('leaves a server named without a password to the sign-in screen, e-mail filled in when given', () => {
    expect(readLaunchConfig(['--server', 'https://h/'], {})).toEqual({ kind: 'sign-in', url: 'https://h', email: null })
    expect(readLaunchConfig(['--server', 'https://h', '--email', 'a@b.c'], {})).toEqual({ kind: 'sign-in', url: 'https://h', email: 'a@b.c' })
  })

  it('refuses a password without an e-mail or a non-http URL, saying what is missing', () => {
    expect(() => readLaunchConfig(['--server', 'https://h', '--password', 'pw'], {})).toThrow(/--email/)
    expect(() => readLaunchConfig(['--server', 'file:///etc/passwd', '--email', 'a', '--password', 'b'], {})).toThrow(LaunchConfigError)
  })

  it('refuses http:// to another computer, where the password would cross the network unencrypted', () => {
    for (const server of ['http://10.1.2.3:8080', 'http://oca.example', 'http://127.example']) {
      expect(() => readLaunchConfig(['--server', server, '--email', 'a@b.c', '--password', 'pw'], {}), server).toThrow(/unencrypted.*https:\/\//)
    }
    for (const server of ['http://localhost:4000', 'http://127.0.0.2', 'http://[::1]:4000']) {
      expect(readLaunchConfig(['--server', server], {}), server).toMatchObject({ kind: 'sign-in' })
    }
  })
})

describe('who may call IPC', () => {
  const app = 'file:///opt/Observe/resources/app.asar/out/renderer/index.html'

  it('answers the app page in its main frame', () => {
    expect(isTrustedSender({ url: app, isMainFrame: true }, app)).toBe(true)
    expect(isTrustedSender({ url: `${app}#/conversations/3`, isMainFrame: true }, app)).toBe(true)
  })

  it('refuses subframes, other files, other origins and missing frames', () => {
    expect(isTrustedSender({ url: app, isMainFrame: false }, app)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, app)).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, app)).toBe(false)
    expect(isTrustedSender(null, app)).toBe(false)
  })

  it('compares origins for the dev server', () => {
    const dev = 'http://localhost:5173/'
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html', isMainFrame: true }, dev)).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false)
  })
})

describe('opening links outside the app', () => {
  it('lets plain web links through', () => {
    expect(safeExternalUrl('https://wa.me/6281234')).toBe('https://wa.me/6281234')
  })

  it('refuses other schemes, embedded credentials and non-strings', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://u:p@host/', 42, 'not a url']) {
      expect(safeExternalUrl(bad)).toBeNull()
    }
  })
})

describe('the main window', () => {
  it('follows the security checklist: isolated, sandboxed, no Node, no webviews', async () => {
    const { secureWebPreferences } = await import('../../electron/main/web-preferences')
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })
})
