/**
 * Sessions against a real reference server over HTTP: the sign-in screen's errors, a session kept
 * in the secret store and resumed on the next start, sign-out forgetting the token (and the cache
 * when asked), and one cache per user.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cacheFile } from '../../../electron/main/core'
import { startRuntime, type Runtime } from '../../../electron/main/runtime'
import { profileDir, profileId } from '../../../electron/main/session/profile'
import { MemorySecretStore } from '../../../electron/main/session/secret-store'
import { writeSessionRecord } from '../../../electron/main/session/session-record'
import { runtimeOnline } from '../support/runtime-ask'
import { startReferenceServer, type ReferenceServer } from '../../../server/index'
import { AGENT_SEATS, DEMO_PASSWORD, SUPERVISOR_EMAIL } from '../../../server/workspace-data'
import type { IpcResult } from '../../../shared/ipc'
import type { SessionState } from '../../../shared/ipc/settings'

const AGENT_EMAIL = AGENT_SEATS[1]!.email
let dir: string
let server: ReferenceServer
let runtime: Runtime
const secrets = new MemorySecretStore()
const runtimes: Runtime[] = []

const secretFor = (email: string) => secrets.get(`session.${profileId(server.url, email)}`)
const cacheOf = (email: string) => cacheFile(profileDir(join(dir, 'app'), server.url, email))

async function start(): Promise<Runtime> {
  const started = await startRuntime({ config: { kind: 'sign-in', url: server.url, email: null }, dataDir: join(dir, 'app'), secrets })
  runtimes.push(started)
  return started
}

const signIn = (email: string, password: string, target = runtime) =>
  target.handle('session:signIn', { kind: 'server', server: server.url, email, password }) as Promise<IpcResult<SessionState>>

const online = (target: Runtime): Promise<void> => runtimeOnline(target)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'observe-sessions-'))
  server = await startReferenceServer({ port: 0, seed: 150, sim: false, dbFile: join(dir, 'server.sqlite') })
  runtime = await start()
})

afterAll(async () => {
  for (const started of runtimes) await started.stop()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('signing in', () => {
  it('starts signed out for a named server without credentials, and the core channels say so', async () => {
    expect(runtime.session()).toMatchObject({ status: 'signed_out', server: server.url, demo: false, secretsPersist: false })
    expect(await runtime.handle('conversations:counts', {})).toMatchObject({ ok: false, error: { code: 'signed_out' } })
  })

  it('says when the server holds an e-mail back after too many wrong passwords, rather than "wrong password" again', async () => {
    const email = AGENT_SEATS[3]!.email
    for (let i = 0; i < 5; i++) expect(await signIn(email, `guess-${i}`)).toMatchObject({ ok: false, error: { code: 'wrong_credentials' } })
    expect(await signIn(email, DEMO_PASSWORD)).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } })
  })

  it('says which: wrong password, an agent account, no server there, or an address that would send the password unencrypted', async () => {
    expect(await signIn(SUPERVISOR_EMAIL, 'not-the-password')).toMatchObject({ ok: false, error: { code: 'wrong_credentials' } })
    expect(await signIn(AGENT_EMAIL, DEMO_PASSWORD)).toMatchObject({ ok: false, error: { code: 'not_supervisor' } })
    const nowhere = await runtime.handle('session:signIn', { kind: 'server', server: 'http://127.0.0.1:9', email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD })
    expect(nowhere).toMatchObject({ ok: false, error: { code: 'unreachable' } })
    expect(await runtime.handle('session:signIn', { kind: 'server', server: 'ftp://x', email: 'a', password: 'b' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    // Not even tried: the password would cross the network unencrypted (192.0.2.1 answers nobody).
    expect(await runtime.handle('session:signIn', { kind: 'server', server: 'http://192.0.2.1', email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'insecure_server' },
    })
    expect(runtime.session().status).toBe('signed_out')
    expect(await secretFor(SUPERVISOR_EMAIL)).toBeNull()
  })

  it('signs in with the right password, keeps the token, and syncs into that user’s own cache', async () => {
    const told: SessionState[] = []
    const off = runtime.on('session:changed', (state) => told.push(state))
    const result = await signIn(SUPERVISOR_EMAIL, DEMO_PASSWORD)
    off()
    expect(result).toMatchObject({ ok: true, value: { status: 'signed_in', email: SUPERVISOR_EMAIL, user: { role: 'supervisor' } } })
    expect(told.at(-1)).toMatchObject({ status: 'signed_in', profile: profileId(server.url, SUPERVISOR_EMAIL) })
    expect(JSON.parse((await secretFor(SUPERVISOR_EMAIL))!)).toMatchObject({ token: expect.any(String), me: { email: SUPERVISOR_EMAIL } })
    await online(runtime)
    expect(existsSync(cacheOf(SUPERVISOR_EMAIL))).toBe(true)
  })

  it('resumes the stored session on the next start, with no password', async () => {
    await runtime.stop()
    runtime = await start()
    expect(runtime.session()).toMatchObject({ status: 'signed_in', email: SUPERVISOR_EMAIL })
    await online(runtime)
  })
})

describe('a session kept from before http:// to another computer was refused', () => {
  it('is not resumed: its token and every conversation would cross the network unencrypted', async () => {
    const appDir = join(dir, 'clear')
    const remote = 'http://192.0.2.2:4000'
    writeSessionRecord(appDir, { server: remote, email: SUPERVISOR_EMAIL, signedIn: true })
    const kept = new MemorySecretStore()
    const me = { id: 1, name: 'Spv', email: SUPERVISOR_EMAIL, role: 'supervisor', presence: 'online', quota: 0, load: 0 }
    await kept.set(`session.${profileId(remote, SUPERVISOR_EMAIL)}`, JSON.stringify({ token: 'kept-token-0123456789', expiresAt: Date.now() + 3_600_000, me }))
    const started = await startRuntime({ config: { kind: 'embedded' }, dataDir: appDir, secrets: kept })
    runtimes.push(started)
    expect(started.session()).toMatchObject({ status: 'signed_out', server: remote })
  })
})

describe('switching users', () => {
  it('keeps each user’s cache in its own file', async () => {
    // The demo floor has one supervisor; make a second one.
    const db = new Database(join(dir, 'server.sqlite'))
    db.prepare("UPDATE agents SET role = 'supervisor' WHERE email = ?").run(AGENT_EMAIL)
    db.close()

    const result = await signIn(AGENT_EMAIL, DEMO_PASSWORD)
    expect(result).toMatchObject({ ok: true, value: { email: AGENT_EMAIL } })
    await online(runtime)
    expect(cacheOf(AGENT_EMAIL)).not.toBe(cacheOf(SUPERVISOR_EMAIL))
    expect(existsSync(cacheOf(AGENT_EMAIL))).toBe(true)
    expect(existsSync(cacheOf(SUPERVISOR_EMAIL))).toBe(true)
    // The first user's token went with their session.
    expect(await secretFor(SUPERVISOR_EMAIL)).toBeNull()
    const me = new Database(cacheOf(AGENT_EMAIL), { readonly: true })
    const meId = (me.prepare('SELECT me_id AS id FROM sync_state WHERE id = 1').get() as { id: number } | undefined)?.id
    me.close()
    expect(meId).toBe(AGENT_SEATS.findIndex((seat) => seat.email === AGENT_EMAIL) + 1)
  })
})

describe('signing out', () => {
  it('forgets the token and keeps the cache unless asked', async () => {
    expect(await secretFor(AGENT_EMAIL)).not.toBeNull()
    const result = await runtime.handle('session:signOut', {})
    expect(result).toMatchObject({ ok: true, value: { status: 'signed_out', server: server.url, email: AGENT_EMAIL } })
    expect(await secretFor(AGENT_EMAIL)).toBeNull()
    expect(existsSync(cacheOf(AGENT_EMAIL))).toBe(true)
  })

  it('deletes that user’s cache when asked, and only theirs', async () => {
    expect(await signIn(SUPERVISOR_EMAIL, DEMO_PASSWORD)).toMatchObject({ ok: true })
    await online(runtime)
    expect(await runtime.handle('session:signOut', { wipeCache: true })).toMatchObject({ ok: true, value: { status: 'signed_out' } })
    expect(existsSync(profileDir(join(dir, 'app'), server.url, SUPERVISOR_EMAIL))).toBe(false)
    expect(existsSync(cacheOf(AGENT_EMAIL))).toBe(true)
    expect(await secretFor(SUPERVISOR_EMAIL)).toBeNull()
  })

  it('stays signed out on the next start', async () => {
    await runtime.stop()
    runtime = await start()
    expect(runtime.session()).toMatchObject({ status: 'signed_out', email: SUPERVISOR_EMAIL })
  })
})

describe('a token the server refuses', () => {
  it('brings the sign-in screen back, even right after signing in with the password: it is not kept to sign in again unasked', async () => {
    expect(await signIn(SUPERVISOR_EMAIL, DEMO_PASSWORD)).toMatchObject({ ok: true })
    await online(runtime)
    // An administrator revokes every token.
    const store = new Database(join(dir, 'server.sqlite'))
    store.prepare('DELETE FROM tokens').run()
    store.close()
    await runtime.handle('conversations:loadMessages', { id: 1 })
    await expect.poll(() => runtime.session(), { timeout: 10_000 }).toMatchObject({ status: 'signed_out', ended: 'expired', email: SUPERVISOR_EMAIL })
  })
})
