/** Where a page's request goes: the runtime's own channels to its router, the rest to the signed-in core. */
import { fail, isIpcChannel, type IpcResult } from '../../../shared/ipc'
import type { Core } from '../core'
import type { IpcRouter } from './router'
import { RUNTIME_CHANNELS } from './types'

export function pageRequests(runtimeRouter: IpcRouter, currentCore: () => Pick<Core, 'handle'> | null) {
  return async (channel: unknown, input: unknown): Promise<IpcResult<unknown>> => {
    if ((RUNTIME_CHANNELS as readonly unknown[]).includes(channel)) return runtimeRouter(channel, input)
    const core = currentCore()
    if (!core) {
      return isIpcChannel(channel) ? fail({ code: 'signed_out', message: 'Sign in first' }) : fail({ code: 'unknown_channel', message: 'unknown channel' })
    }
    return core.handle(channel, input)
  }
}
