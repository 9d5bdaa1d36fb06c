/**
 * What was opened in the background (a runtime, the web app), once it is ready. When it fails to
 * open, it is closed before the error goes on, so the caller is never left holding a half-open one.
 */
export async function opened<T>(value: T, ready: Promise<void>, close: () => Promise<void>): Promise<T> {
  try {
    await ready
  } catch (error) {
    await close()
    throw error
  }
  return value
}
