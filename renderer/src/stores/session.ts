/**
 * Who is signed in, as the main process says. A change of profile (another server or user, or a
 * first sign-in) reloads the page, so every store starts over on the new cache instead of mixing
 * two accounts' rows.
 */
import { defineStore } from 'pinia'
import { nextTick, ref } from 'vue'
import type { SessionState, SignInInput } from '@shared/ipc/settings'
import { call, IpcCallError, onEventsMissed, subscribe } from '@renderer/api/client'
import { useFiltersStore } from './filters'
import { forgetPageState } from './page-state'

/** Kept over the reload a first sign-in brings: the console takes the focus the sign-in form held. */
const SIGNED_IN_KEY = 'observe.signedInHere'

/** The refusals the sign-in screen words; any other failure is 'other'. */
const TOLD = ['wrong_credentials', 'unreachable', 'not_supervisor', 'insecure_server', 'invalid_input', 'too_many_attempts'] as const
export type SignInError = (typeof TOLD)[number] | 'other'

export const useSessionStore = defineStore('session', () => {
  const state = ref<SessionState | null>(null)
  const busy = ref(false)
  const error = ref<SignInError | null>(null)
  /** With `invalid_input`, the fields of the sign-in the main process found wrong (the first part of each issue's path). */
  const errorFields = ref<string[]>([])
  /** The profile the page was loaded for; undefined until the first answer. */
  let loadedProfile: string | null | undefined
  let off: (() => void) | null = null
  let offMissed: (() => void) | null = null
  let reload: () => void = () => window.location.reload()
  /**
   * Signed in from the sign-in screen of this page (or of the page before the reload a new
   * profile brings), not by the app on its own as it starts: the sign-in form went from under the
   * focus, and the console takes it (App.vue).
   */
  const signedInHere = ref(window.sessionStorage.getItem(SIGNED_IN_KEY) !== null)
  window.sessionStorage.removeItem(SIGNED_IN_KEY)

  function accept(next: SessionState): void {
    // While the app starts, the first session's profile is not known yet: nothing to compare.
    if (next.status === 'starting') {
      state.value = next
      return
    }
    if (state.value?.status === 'signed_out' && next.status === 'signed_in') signedInHere.value = true
    if (loadedProfile === undefined) loadedProfile = next.profile
    else if (next.profile !== null && next.profile !== loadedProfile) {
      loadedProfile = next.profile
      if (signedInHere.value) window.sessionStorage.setItem(SIGNED_IN_KEY, '1')
      reload()
    }
    state.value = next
  }

  async function load(): Promise<void> {
    try {
      accept(await call('session:get', {}))
    } catch {
      // Shown as loading until the bridge answers; the event brings it too.
    }
  }

  function start(options: { reload?: () => void } = {}): void {
    if (options.reload) reload = options.reload
    off ??= subscribe('session:changed', accept)
    offMissed ??= onEventsMissed(() => void load())
  }

  function stop(): void {
    off?.()
    off = null
    offMissed?.()
    offMissed = null
  }

  async function signIn(input: SignInInput): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    error.value = null
    errorFields.value = []
    try {
      accept(await call('session:signIn', input))
      return true
    } catch (e) {
      const code = e instanceof IpcCallError ? e.code : null
      error.value = TOLD.find((told) => told === code) ?? 'other'
      errorFields.value = e instanceof IpcCallError ? (e.issues ?? []).map((issue) => issue.path.split('.')[0]!) : []
      return false
    } finally {
      busy.value = false
    }
  }

  async function signOut(wipeCache: boolean): Promise<void> {
    busy.value = true
    const profile = state.value?.profile ?? null
    try {
      accept(await call('session:signOut', { wipeCache }))
      if (wipeCache) {
        // Once the page is gone (its watchers would write the state back), what it held goes too:
        // signing in again as the same account reloads nothing, and found the old search in the box.
        await nextTick()
        forgetPageState(profile)
        useFiltersStore().clear()
      }
    } finally {
      busy.value = false
    }
  }

  return { state, busy, error, errorFields, signedInHere, load, start, stop, signIn, signOut }
})
