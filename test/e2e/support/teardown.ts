import { rmSync } from 'node:fs'

/**
 * Closes what an e2e file started, in the order given (the browser before the app it talks to,
 * the app before its server), then removes its folder. Any of them may be missing when the
 * file's set-up failed part way.
 */
export async function closeAll(started: ({ close(): Promise<unknown> } | undefined)[], dir?: string): Promise<void> {
  for (const thing of started) await thing?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
}
