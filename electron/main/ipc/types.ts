import type { IpcChannelName, IpcErrorCode, IpcEventName, IpcOutput, IpcParsedInput } from '../../../shared/ipc'

/** A handler gets input already parsed by the contract's schema. */
export type IpcHandler<C extends IpcChannelName> = (input: IpcParsedInput<C>) => Promise<IpcOutput<C>> | IpcOutput<C>

export type IpcHandlers = { [C in IpcChannelName]: IpcHandler<C> }

/** Thrown by handlers for failures the renderer should tell apart from bugs. */
export class IpcFailure extends Error {
  constructor(
    readonly code: Extract<IpcErrorCode, 'not_found' | 'offline' | 'timeout' | 'server_error' | 'invalid_input' | 'wrong_credentials' | 'unreachable' | 'not_supervisor' | 'insecure_server' | 'too_many_attempts' | 'dataset_changed'>,
    message: string,
  ) {
    super(message)
    this.name = 'IpcFailure'
  }
}

/** Channels the runtime answers itself, signed in or not; the core serves all the others. */
export const RUNTIME_CHANNELS = ['session:get', 'session:signIn', 'session:signOut', 'settings:get', 'settings:update', 'queue:missed'] as const
export type RuntimeChannel = (typeof RUNTIME_CHANNELS)[number]
export type CoreChannel = Exclude<IpcChannelName, RuntimeChannel>

/** Events the runtime sends itself; the core sends all the others, and the runtime relays them. */
export const RUNTIME_EVENTS = ['queue:notices', 'session:changed', 'settings:changed'] as const satisfies readonly IpcEventName[]
