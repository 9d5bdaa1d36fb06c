export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type Log = (level: LogLevel, message: string, data?: unknown) => void

export const silentLog: Log = () => {}
