import type { ToldChat, ToldNumbers } from '@shared/ipc/queue-notices'

/**
 * Which chats told (as new or as waiting too long) this page has accounted for, by the core's
 * numbers (ToldNumbers): heard live, or read back after its socket to Observe was gone. Live
 * notices keep coming while a read back is on its way, so what it answers is checked against
 * them: nothing is told twice.
 */
export interface ToldHeard {
  /** Every chat numbered up to it is accounted for; null until the first read back answers. */
  readonly upTo: number | null
  /** A live notice's numbers. */
  hear(numbers: ToldNumbers): void
  /** What a read back answered: the chats in it not yet heard, after which all up to `last` are accounted for. */
  readBack(answer: { last: number; chats: readonly ToldChat[] }): ToldChat[]
}

export function toldHeard(): ToldHeard {
  let upTo: number | null = null
  /** Heard live beyond `upTo`, not yet joined to it (the numbers between were missed, or are on their way back). */
  let beyond: ToldNumbers[] = []

  const settle = (): void => {
    if (upTo === null) return
    for (let joined = true; joined; ) {
      joined = false
      for (const numbers of beyond) {
        if (numbers.first > upTo + 1) continue
        upTo = Math.max(upTo, numbers.last)
        joined = true
      }
      beyond = beyond.filter((numbers) => numbers.last > upTo!)
    }
  }

  return {
    get upTo() {
      return upTo
    },
    hear(numbers) {
      beyond.push(numbers)
      settle()
    },
    readBack({ last, chats }) {
      const from = upTo
      // The first answer only says where the numbering stands: what came before the page opened is no news to it.
      const unheard = from === null ? [] : chats.filter((entry) => entry.told > from && !beyond.some((numbers) => entry.told >= numbers.first && entry.told <= numbers.last))
      upTo = Math.max(from ?? 0, last)
      settle()
      return unheard
    },
  }
}
