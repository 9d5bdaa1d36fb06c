export * from './channels'
export * from './result'
export * from './contract'
export * from './outbox'
