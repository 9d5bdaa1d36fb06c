import type { Runtime } from '../../../electron/main/runtime'
import type { IpcChannelName, IpcInput, IpcOutput } from '../../../shared/ipc/contract'
import type { IpcResult } from '../../../shared/ipc/result'

/** One call to a runtime as a page makes it, its value or a thrown error naming the channel. */
export async function askRuntime<C extends IpcChannelName>(runtime: Runtime, channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> {
  const result = (await runtime.handle(channel, input)) as IpcResult<IpcOutput<C>>
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}
