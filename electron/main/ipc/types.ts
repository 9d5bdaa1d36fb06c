import type { IpcChannelName, IpcErrorCode, IpcOutput, IpcParsedInput } from '../../../shared/ipc'

/** A handler gets input already parsed by the contract's schema. */
export type IpcHandler<C extends IpcChannelName> = (input: IpcParsedInput<C>) => Promise<IpcOutput<C>> | IpcOutput<C>

export type IpcHandlers = { [C in IpcChannelName]: IpcHandler<C> }

/** Thrown by handlers for failures the renderer should tell apart from bugs. */
export class IpcFailure extends Error {
  constructor(
    readonly code: Extract<IpcErrorCode, 'not_found' | 'offline' | 'invalid_input'>,
    message: string,
  ) {
    super(message)
    this.name = 'IpcFailure'
  }
}
