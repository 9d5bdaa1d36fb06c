/** The tray's current state, and everyone who draws it told when it changes. */
import { EventEmitter } from 'node:events'
import { trayState, type TrayState } from './tray-state'

export class TrayFeed {
  private state = trayState(0, [], false)
  private readonly emitter = new EventEmitter()

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  publish(state: TrayState): void {
    this.state = state
    this.emitter.emit('tray', state)
  }

  /** Told the current state at once, then every change. */
  follow(listener: (state: TrayState) => void): () => void {
    listener(this.state)
    this.emitter.on('tray', listener)
    return () => void this.emitter.off('tray', listener)
  }

  clear(): void {
    this.emitter.removeAllListeners()
  }
}
