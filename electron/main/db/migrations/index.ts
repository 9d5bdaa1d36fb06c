import { migration0010 } from './0010-workspace'
import { migration0020 } from './0020-conversations'
import { migration0030 } from './0030-messages'
import { migration0040 } from './0040-sync-state'
import { migration0050 } from './0050-conversation-counts'
import { migration0060 } from './0060-search-and-facets'
import { migration0070 } from './0070-outbox'
import { migration0080 } from './0080-sort-orders'
import { migration0090 } from './0090-filter-cells'
import { migration0100 } from './0100-count-cells'
import { migration0110 } from './0110-search-prefixes'
import { migration0120 } from './0120-search-name-leads'
import { migration0130 } from './0130-transfer-from-agent'
import { migration0140 } from './0140-assignment-log'
import { migration0150 } from './0150-log-agents'
import { migration0160 } from './0160-search-folded'
import { migration0170 } from './0170-clock-offset'
import { migration0180 } from './0180-thread-earlier'
import type { Migration } from './types'

export type { Migration } from './types'

/** Append only. */
export const MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0050, migration0060, migration0070, migration0080, migration0090, migration0100, migration0110, migration0120, migration0130, migration0140, migration0150, migration0160, migration0170, migration0180]
