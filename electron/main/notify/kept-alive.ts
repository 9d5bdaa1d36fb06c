/**
 * Electron holds a native notification's JS object weakly: once nothing refers to it, V8 may
 * collect it, and its click handler with it (electron/electron#16922). A supervisor who clicks a
 * notice a few minutes after it came would then get nothing. This keeps each one until it is
 * clicked or closed, and never more than `max` of them, so a day of unread notices cannot pile up.
 */
export class KeptAlive<T> {
  private readonly items = new Set<T>()

  constructor(private readonly max = 100) {}

  /** Holds the item; the returned function lets it go (call it on click and on close). */
  keep(item: T): () => void {
    this.items.add(item)
    if (this.items.size > this.max) {
      // A Set iterates in insertion order: the first is the oldest.
      const [oldest] = this.items
      this.items.delete(oldest!)
    }
    return () => void this.items.delete(item)
  }

  get size(): number {
    return this.items.size
  }

  has(item: T): boolean {
    return this.items.has(item)
  }
}
