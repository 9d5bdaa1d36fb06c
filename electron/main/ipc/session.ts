import type { MissedQueueChats } from '../../../shared/ipc/queue-notices'
import type { SessionState, SettingsPatch, SettingsState, SignInInput } from '../../../shared/ipc/settings'
import type { IpcHandlers } from './types'

export function sessionHandlers(deps: {
  state: () => SessionState
  signIn: (input: SignInInput) => Promise<SessionState>
  signOut: (wipeCache: boolean) => Promise<SessionState>
}): Pick<IpcHandlers, 'session:get' | 'session:signIn' | 'session:signOut'> {
  return {
    'session:get': () => deps.state(),
    'session:signIn': (input) => deps.signIn(input),
    'session:signOut': ({ wipeCache }) => deps.signOut(wipeCache),
  }
}

export function settingsHandlers(deps: {
  state: () => SettingsState
  update: (patch: SettingsPatch) => SettingsState
}): Pick<IpcHandlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => deps.state(),
    'settings:update': (patch) => deps.update(patch),
  }
}

export function queueHandlers(deps: { missed: (after: number | null) => Promise<MissedQueueChats> }): Pick<IpcHandlers, 'queue:missed'> {
  return {
    'queue:missed': ({ after }) => deps.missed(after),
  }
}
