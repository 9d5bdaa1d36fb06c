/**
 * A small seeded PRNG. The seed and the lazily built message threads must come out the same on
 * every run, so nothing that shapes demo data may use Math.random.
 */
export interface Random {
  next(): number
  int(min: number, maxInclusive: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
}

/**
 * mulberry32: tiny, fast and good enough for demo data. A class rather than closures: the seed and
 * the lazy threads make one per conversation, a million times in a large seed.
 */
class Mulberry32 implements Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }
}

export function createRandom(seed: number): Random {
  return new Mulberry32(seed)
}

/** Mixes an id into a seed so neighbouring ids get unrelated streams. */
export function mixSeed(base: number, id: number): number {
  let h = (base ^ Math.imul(id, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}
