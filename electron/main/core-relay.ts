/** The core's events passed on to the pages, from whichever core is current. */
import { IPC_EVENTS, type IpcEventName, type IpcEventPayload } from '../../shared/ipc'
import type { Core } from './core'
import { RUNTIME_EVENTS } from './ipc/types'

/** What the core emits: the rest are the runtime's own. */
const CORE_EVENTS = IPC_EVENTS.filter((event) => !(RUNTIME_EVENTS as readonly string[]).includes(event))

/** Passes each core event on to `emit`; returns what stops it. */
export function relayCoreEvents(
  core: Pick<Core, 'on'>,
  emit: <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void,
): (() => void)[] {
  return CORE_EVENTS.map((event) => core.on(event, (payload) => emit(event, payload as never)))
}
