import { NEW_CHAT_COOL_DOWN_MS } from '../../../electron/main/notify/planner'

/**
 * How long a test waits for a new chat's notice: told at once after a quiet spell, or, coming within
 * the cool-down after the chat before, when that ends; plus a sync and a read of the queue on a
 * machine the suite keeps busy.
 */
export const TOLD_WITHIN_MS = NEW_CHAT_COOL_DOWN_MS + 15_000
