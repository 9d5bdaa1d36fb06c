/** Settings turned into what the parts they govern take. */
import type { NotificationSettings } from '../../../shared/ipc/settings'
import type { PlannerSettings } from '../notify/planner'

const minuteOf = (clock: string): number => {
  const [hours, minutes] = clock.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

export function plannerSettings(n: NotificationSettings): PlannerSettings {
  return {
    enabled: n.enabled && !n.paused,
    coalesceAbove: n.coalesceAbove,
    waitingTooLongMs: n.waitingTooLongMinutes * 60_000,
    quietHours: n.quietHours ? { startMinute: minuteOf(n.quietHours.start), endMinute: minuteOf(n.quietHours.end) } : null,
  }
}
