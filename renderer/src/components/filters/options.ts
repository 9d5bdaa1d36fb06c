import type { ChannelKind } from '@shared/domain'

/** One choice in a filter's list. */
export interface Option {
  value: string | number
  label: string
  /** A channel's icon before the name. */
  channel?: ChannelKind
  /** A label's colour swatch before the name. */
  color?: string
  /** Set for a name kept in English in another language (useKeptLanguage). */
  lang?: string
}

const sameOption = (a: Option, b: Option): boolean => a.value === b.value && a.label === b.label && a.channel === b.channel && a.color === b.color && a.lang === b.lang

/**
 * The options last built when nothing in them changed, for a computed that rebuilds them from data
 * reloaded every few seconds (an agent's load moves, not their name): an open list then stays as it is.
 */
export function keepOptions(next: Option[], previous: Option[] | undefined): Option[] {
  return previous && previous.length === next.length && previous.every((o, i) => sameOption(o, next[i]!)) ? previous : next
}
