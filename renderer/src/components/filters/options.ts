import type { ChannelKind } from '@shared/domain'

/** One choice in a filter's list. */
export interface Option {
  value: string | number
  label: string
  /** A channel's icon before the name. */
  channel?: ChannelKind
  /** A label's colour swatch before the name. */
  color?: string
}
