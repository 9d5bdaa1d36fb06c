/**
 * Calls `onNewDay` when the local day turns while `active()` holds: at midnight, and when the page
 * comes back into view on a later day (a timer can fire late, or not at all, while the machine sleeps).
 * A machine that slept across midnight with the window in view sends no visibility change, and the
 * midnight timer, counted on a clock that stands still in sleep, fires as late as the sleep was
 * long: the shared clock's next tick (at most 15 s after waking) sees the new day instead.
 */
import { onScopeDispose, watch } from 'vue'
import { startOfDay } from '@renderer/stores/filters'
import { serverNow, useNow } from '@renderer/utils/time'

export function useNewDay(active: () => boolean, onNewDay: () => void): void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let day = startOfDay(serverNow())

  function arm(): void {
    if (timer) clearTimeout(timer)
    timer = null
    day = startOfDay(serverNow())
    if (active()) timer = setTimeout(check, startOfDay(serverNow(), 1) - serverNow())
  }

  function check(): void {
    if (active() && startOfDay(serverNow()) !== day) onNewDay()
    // Also when a timer fired a moment early: it waits out the rest.
    arm()
  }

  function onVisibility(): void {
    if (document.visibilityState === 'visible') check()
  }

  watch(active, arm, { immediate: true })
  const now = useNow()
  watch(() => startOfDay(now.value), check)
  document.addEventListener('visibilitychange', onVisibility)
  onScopeDispose(() => {
    if (timer) clearTimeout(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  })
}
