/**
 * Starts what both the Electron shell and browser mode run: the settings, the session (the demo
 * server by default, a named server, or nobody yet and the sign-in screen), and for a signed-in
 * session its core and the queue watcher that decides notifications. Signing in or out stops the
 * old core and starts another on that server and user's own cache. The bridges call `handle` and
 * `on`, which always reach the current core. Plain Node, so it is tested without Electron.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync, rmSync } from 'node:fs'
import type { ReferenceServer } from '../../server/index'
import type { IpcEventName, IpcEventPayload, IpcResult } from '../../shared/ipc'
import { inTheClear, type SessionState, type SettingsState, type SignInInput } from '../../shared/ipc/settings'
import { ReferenceBackend } from './backend/reference/reference-backend'
import { createCore, type Core, type CoreOptions } from './core'
import { relayCoreEvents } from './core-relay'
import { pageRequests } from './ipc/page-requests'
import { createRouter } from './ipc/router'
import { queueHandlers, sessionHandlers, settingsHandlers } from './ipc/session'
import type { RuntimeChannel } from './ipc/types'
import type { LaunchConfig } from './launch-config'
import { silentLog } from './log'
import { serialQueue } from './serial'
import { opened } from './opened'
import { missedChats } from './notify/missed-chats'
import { numbered } from './notify/numbered'
import { NotificationPlanner } from './notify/planner'
import { watchQueue, type QueueWatcher } from './notify/queue-watcher'
import { ToldChats } from './notify/told-chats'
import { TrayFeed } from './notify/tray-feed'
import { trayState, type TrayState } from './notify/tray-state'
import { MemorySecretStore, type SecretStore } from './session/secret-store'
import { DemoServer } from './session/demo-server'
import { DEMO_SERVER_KEY, profileDir, profileId, serverKey } from './session/profile'
import { readSessionRecord, writeSessionRecord, type SessionRecord } from './session/session-record'
import { sessionState, type SignedIn } from './session/session-state'
import { SessionTokens } from './session/session-tokens'
import { verifySignIn } from './session/sign-in'
import { unsentActions } from './session/unsent'
import { plannerSettings } from './settings/apply'
import { changedForPages, settingsState } from './settings/settings-state'
import { SettingsStore, settingsFile } from './settings/settings-store'

export interface RuntimeOptions {
  config: LaunchConfig
  /** Per-user data folder: settings, one cache per server and user, and the demo server's own store. */
  dataDir: string
  log?: CoreOptions['log']
  /** Overrides the retention setting (tests). */
  retentionDays?: number
  /** How the embedded reference server seeds and simulates, when it is the one started. */
  reference?: { seed?: number; rate?: number; sim?: boolean }
  /** How often to look for chats waiting too long. */
  overdueEveryMs?: number
  /** Where session tokens go; in memory (lost on exit) unless the shell has a keychain. */
  secrets?: SecretStore
  /** Which shell runs this: desktop-only settings are unavailable in the browser. */
  shell?: 'electron' | 'browser'
}

export interface Runtime {
  /** The signed-in session's core; throws while signed out. */
  readonly core: Core
  /** The server the current session is signed in to; throws while signed out. */
  readonly server: { url: string; email: string }
  /** Set while the demo reference server runs in this process. */
  readonly embedded: ReferenceServer | null
  planner: NotificationPlanner
  settings: SettingsStore
  session(): SessionState
  /** Answers one page request: session and settings here, the rest by the current core. Never throws. */
  handle(channel: unknown, input: unknown): Promise<IpcResult<unknown>>
  /** The current core's events, queue notices, session and settings changes: everything a page is told. */
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void
  /** The tray's state whenever it changes, starting with the current one. */
  onTray(listener: (state: TrayState) => void): () => void
  signIn(input: SignInInput): Promise<SessionState>
  signOut(options?: { wipeCache?: boolean }): Promise<SessionState>
  stop(): Promise<void>
}

interface Active extends SignedIn {
  core: Core
  watcher: QueueWatcher
  offs: (() => void)[]
  password: string | undefined
  /** Whether the token is kept for the next start. */
  keepToken: boolean
}

/** A runtime whose first session is still being opened (see openRuntime). */
export interface OpeningRuntime {
  runtime: Runtime
  /** Settles once the first session is open, or failed to open. */
  ready: Promise<void>
}

/** The runtime with its first session open: what browser mode and the tests start with. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { runtime, ready } = openRuntime(options)
  return opened(runtime, ready, () => runtime.stop().catch(() => {}))
}

/**
 * The runtime at once, its first session opening behind it. Opening can take long: the demo server
 * seeds its store, and a cache left by an older version is migrated first (half a minute at a
 * million conversations). Meanwhile the session says `starting`, so the desktop window can be shown
 * and say so instead of appearing only once everything is ready; `session:changed` follows.
 */
export function openRuntime(options: RuntimeOptions): OpeningRuntime {
  const { dataDir } = options
  const log = options.log ?? silentLog
  // Settings, the demo server's store and every account's cache live under it: the user's alone
  // when made here (one named with --data that exists already is left as it is).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const tokens = new SessionTokens(options.secrets ?? new MemorySecretStore())
  const settings = new SettingsStore(settingsFile(dataDir), log)
  /** The signed-in server's clock minus this computer's: how long a chat has waited is the server's to say. */
  let clockOffsetMs = 0
  const planner = new NotificationPlanner(plannerSettings(settings.get().notifications), () => Date.now() + clockOffsetMs)
  const told = new ToldChats()
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const emit = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void => void emitter.emit(event, payload)
  const tray = new TrayFeed()

  const demo = new DemoServer(dataDir, options.reference)
  let active: Active | null = null
  let record: SessionRecord | null = readSessionRecord(dataDir, log)
  let ended: SessionState['ended'] = null
  /** The actions the account whose session ended left unsent (see SessionState.unsent). */
  let unsent = 0
  let stopped = false
  /** Until the first session is open (see openRuntime). */
  let opening = true
  /** Session changes run one at a time. */
  const serial = serialQueue()

  const retentionDays = (): number => options.retentionDays ?? settings.get().retentionDays

  /** Opens a core on the profile's cache; the backend signs in with the password or the stored token. */
  async function activate(target: Omit<Active, 'core' | 'watcher' | 'offs' | 'profile'>): Promise<void> {
    const profile = profileId(target.key, target.email)
    const next: Partial<Active> & typeof target = { ...target, profile }
    const backend = new ReferenceBackend({
      baseUrl: target.url,
      email: target.email,
      ...(target.password === undefined ? {} : { password: target.password }),
      ...(target.session ? { session: target.session } : {}),
      log,
      onSession: (fresh) => {
        const known = next.session?.me
        next.session = fresh
        if (next.keepToken) void tokens.keep(target.key, target.email, fresh).catch(() => {})
        if (active === next && known?.id !== fresh.me.id) emit('session:changed', state())
      },
      // A resumed token the server no longer takes, with no password to get another: sign in again.
      onSessionLost: () => setImmediate(() => void serial(() => (active === next ? end('expired', false) : Promise.resolve()))),
    })
    // The chats told so far were in another account's queue: a page back from a cut-off is not told them.
    told.forget()
    const core = createCore({ dataDir: profileDir(dataDir, target.key, target.email), backend: { kind: 'custom', backend }, log, retentionDays: retentionDays() })
    // Subscribed before the core starts, so the bootstrap is seen as the bootstrap.
    const watcher = watchQueue({
      core,
      planner,
      onNotices: (list, chats, long) => emit('queue:notices', numbered(list, told.record(chats, long))),
      onTray: (state) => tray.publish(state),
      ...(options.overdueEveryMs ? { overdueEveryMs: options.overdueEveryMs } : {}),
    })
    const offs = relayCoreEvents(core, emit)
    offs.push(core.on('connection:changed', (state) => (clockOffsetMs = state.clockOffsetMs ?? 0)))
    try {
      await core.start()
    } catch (error) {
      watcher.stop()
      for (const off of offs) off()
      backend.close()
      throw error
    }
    Object.assign(next, { core, watcher, offs })
    active = next as Active
    watcher.refresh()
  }

  async function deactivate(): Promise<Active | null> {
    const was = active
    if (!was) return null
    active = null
    was.watcher.stop()
    for (const off of was.offs) off()
    await was.core.stop()
    tray.publish(trayState(0, [], planner.isPaused()))
    return was
  }

  function remember(next: SessionRecord): void {
    record = next
    writeSessionRecord(dataDir, next)
  }

  async function signInDemo(): Promise<void> {
    const server = await demo.start()
    await activate({ key: DEMO_SERVER_KEY, url: server.url, ...server.credentials, session: undefined, keepToken: false })
    remember({ server: DEMO_SERVER_KEY, email: server.credentials.email, signedIn: true })
  }

  /**
   * Resumes a stored session for this server and user, if its token is still kept. Not one to an
   * http:// address of another computer (kept from before such addresses were refused): its token
   * and every conversation would cross the network unencrypted; signing in there again says why.
   */
  async function resume(url: string, email: string): Promise<boolean> {
    if (inTheClear(url)) return false
    const session = await tokens.read(url, email)
    // Whether it has expired is the server's clock's to say, and this computer's may be hours off:
    // the core judges it by the clock kept with the account's cache, and an expired token there
    // ends the session as a refused one does.
    if (!session) return false
    await activate({ key: serverKey(url), url, email, password: undefined, session, keepToken: true })
    return true
  }

  async function end(reason: SessionState['ended'], wipeCache: boolean, announce = true): Promise<void> {
    // Counted while the cache is still open; a sign-out by choice was warned of them in Settings.
    const left = reason && active ? await unsentActions(active.core) : 0
    const was = await deactivate()
    if (was) {
      await tokens.forget(was.key, was.email).catch(() => {})
      if (wipeCache) rmSync(profileDir(dataDir, was.key, was.email), { recursive: true, force: true })
      remember({ server: was.key, email: was.email, signedIn: false })
      if (was.key === DEMO_SERVER_KEY) await demo.close()
    }
    ended = reason
    unsent = left
    if (announce) emit('session:changed', state())
  }

  function state(): SessionState {
    return sessionState({ opening, active, record, ended, unsent, secretsPersist: tokens.persistent })
  }

  const pageSettings = (): SettingsState => settingsState(settings.get(), options.shell)

  const unfollowSettings = settings.onChange((next, previous) => {
    planner.configure(plannerSettings(next.notifications))
    if (next.retentionDays !== previous.retentionDays && options.retentionDays === undefined) {
      // The sync window is fixed for a core's life: restart it on the same profile.
      void serial(async () => {
        const was = await deactivate()
        if (was && !stopped) await activate(was)
      }).catch((error: unknown) => {
        log('error', 'could not restart the core with the new retention window', { message: String(error) })
        // The core is gone: a page left thinking it is signed in would call a session no longer
        // running, each call answered "sign in first". Told, it shows the sign-in screen.
        if (!stopped) emit('session:changed', state())
      })
    }
    if (changedForPages(next, previous)) emit('settings:changed', pageSettings())
  })

  async function signIn(input: SignInInput): Promise<SessionState> {
    if (input.kind === 'demo') {
      await serial(async () => {
        await end(null, false, false)
        await signInDemo()
      })
    } else {
      const url = serverKey(input.server)
      // Checked before anything switches: a failed attempt leaves the current session alone.
      const session = await verifySignIn({ server: url, email: input.email, password: input.password })
      await serial(async () => {
        await end(null, false, false)
        await tokens.keep(url, input.email, session)
        // The token only, not the password: a token the server refuses or lets expire brings the
        // sign-in screen back (pending actions kept), as the README says and an administrator
        // revoking it expects. Kept, the password signed the app in again without a word.
        await activate({ key: url, url, email: input.email, password: undefined, session, keepToken: true })
        remember({ server: url, email: input.email, signedIn: true })
      })
    }
    ended = null
    unsent = 0
    const now = state()
    emit('session:changed', now)
    return now
  }

  async function signOut(wipeCache: boolean): Promise<SessionState> {
    await serial(() => end(null, wipeCache))
    return state()
  }

  const runtimeRouter = createRouter<RuntimeChannel>(
    {
      ...sessionHandlers({ state, signIn, signOut }),
      ...queueHandlers({ missed: (after) => missedChats(after, active?.core ?? null, planner, told) }),
      ...settingsHandlers({
        state: pageSettings,
        update: (patch) => {
          settings.update(patch)
          return pageSettings()
        },
      }),
    },
    log,
  )

  /** Which session to start with. Sign-ins asked for meanwhile queue behind it. */
  async function openFirstSession(): Promise<void> {
    const config = options.config
    if (config.kind === 'remote') {
      // Named on the command line: the sync signs in with it, so an unreachable server still opens the cache.
      const url = serverKey(config.server.url)
      await activate({ key: url, url, email: config.server.email, password: config.server.password, session: undefined, keepToken: false })
    } else if (config.kind === 'sign-in') {
      const url = serverKey(config.url)
      const email = config.email ?? (record && record.server === url ? record.email : null)
      const resumed = email !== null && record?.signedIn === true && record.server === url && (await resume(url, email))
      if (!resumed) record = { server: url, email: email ?? '', signedIn: false }
    } else if (record === null || (record.signedIn && record.server === DEMO_SERVER_KEY)) {
      await signInDemo()
    } else if (record.signedIn) {
      await resume(record.server, record.email)
    }
  }
  const ready = serial(openFirstSession).finally(() => {
    opening = false
    emit('session:changed', state())
  })

  const runtime: Runtime = {
    get core() {
      if (!active) throw new Error('nobody is signed in')
      return active.core
    },
    get server() {
      if (!active) throw new Error('nobody is signed in')
      return { url: active.url, email: active.email }
    },
    get embedded() {
      return demo.current
    },
    planner,
    settings,
    session: state,
    handle: pageRequests(runtimeRouter, () => active?.core ?? null),
    on(event, listener) {
      emitter.on(event, listener)
      return () => void emitter.off(event, listener)
    },
    onTray: (listener) => tray.follow(listener),
    signIn,
    signOut: (opts) => signOut(opts?.wipeCache ?? false),
    async stop() {
      stopped = true
      unfollowSettings()
      await serial(async () => {
        await deactivate()
        emitter.removeAllListeners()
        tray.clear()
        await demo.close()
      })
    },
  }
  return { runtime, ready }
}
