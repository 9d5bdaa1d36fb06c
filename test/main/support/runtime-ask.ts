import { expect } from 'vitest'
import type { Runtime } from '../../../electron/main/runtime'
import type { IpcChannelName, IpcInput, IpcOutput } from '../../../shared/ipc/contract'
import type { IpcResult } from '../../../shared/ipc/result'

/** One call to a runtime as a page makes it, its value or a thrown error naming the channel. */
export async function askRuntime<C extends IpcChannelName>(runtime: Runtime, channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> {
  const result = (await runtime.handle(channel, input)) as IpcResult<IpcOutput<C>>
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

/** Waits until the runtime's current core says it is online (a sign-in or a restart has caught up). */
export async function runtimeOnline(runtime: Runtime, timeout = 20_000): Promise<void> {
  await expect
    .poll(async () => {
      const state = await runtime.handle('connection:get', {})
      return state.ok ? (state.value as { status: string }).status : 'none'
    }, { timeout })
    .toBe('online')
}
