/**
 * Why the core's last attempt at the server failed, in a few stable words the page can put in the
 * supervisor's language. The technical text (an error's message) travels beside it for the log and
 * for support; this is what a supervisor reads.
 */
import { z } from 'zod'

/**
 * unreachable: no answer at all (refused, reset, dropped, the stream closed or went silent).
 * timeout: the server was reached and did not answer in time. server_error: it answered with its
 * own fault (5xx) or asked to come back later (429, 408). signed_out: it no longer accepts the
 * session. refused: it answered that it would not take the request as sent. resuming: Observe is
 * connecting again after the computer slept or the process was paused. interrupted: Observe closed
 * while the request was on its way. other: anything else; its technical text is all there is.
 */
export const FailureReason = z.enum(['unreachable', 'timeout', 'server_error', 'signed_out', 'refused', 'resuming', 'interrupted', 'other'])
export type FailureReason = z.infer<typeof FailureReason>
