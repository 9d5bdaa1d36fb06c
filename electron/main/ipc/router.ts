import { fail, ipcContract, isIpcChannel, ok, type IpcChannelName, type IpcResult } from '../../../shared/ipc'
import type { Log } from '../log'
import { IpcFailure, type IpcHandler, type IpcHandlers } from './types'

export type IpcRouter = (channel: unknown, input: unknown) => Promise<IpcResult<unknown>>

/**
 * The single entry for every renderer request: checks the channel, parses the input with the
 * contract, runs the handler, and turns every failure into an error reply. It never throws, so
 * a bad request can never take the main process down.
 */
export function createRouter<C extends IpcChannelName>(handlers: Pick<IpcHandlers, C>, log: Log): IpcRouter {
  return async (channel, input) => {
    // A channel of the contract that this router does not serve is as unknown to it as any other.
    if (!isIpcChannel(channel) || !Object.hasOwn(handlers, channel)) {
      return fail({ code: 'unknown_channel', message: `unknown channel ${describe(channel)}` })
    }
    const parsed = ipcContract[channel].input.safeParse(input ?? {})
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
      // The message names the fields too, for a log line or a console that shows only it.
      const named = issues.slice(0, 3).map((issue) => `${issue.path || '(input)'}: ${issue.message}`)
      const more = issues.length > 3 ? `; and ${issues.length - 3} more` : ''
      return fail({ code: 'invalid_input', message: `invalid input for ${channel}: ${named.join('; ')}${more}`, issues })
    }
    try {
      const handler = (handlers as Partial<IpcHandlers>)[channel] as IpcHandler<IpcChannelName>
      return ok(await handler(parsed.data as never))
    } catch (error) {
      if (error instanceof IpcFailure) return fail({ code: error.code, message: error.message })
      log('error', `${channel} failed`, { message: error instanceof Error ? error.message : String(error) })
      return fail({ code: 'internal', message: `${channel} failed` })
    }
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : `(${typeof value})`
}
