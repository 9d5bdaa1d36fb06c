import { nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref, type WatchSource } from 'vue'

/**
 * Keeps something pinned to the window's bottom-right corner (the toasts) off the keyboard focus
 * (WCAG 2.4.11): when the focused control lies where the box sits, the box moves to the top corner,
 * and back down once the focus has moved on. Zoomed in, a toast spans most of the window and would
 * otherwise hide whatever the focus lands on under it. `changes` is what changes the box's size.
 */
export function useClearOfFocus(box: Ref<HTMLElement | null>, bottomRem: number, sideRem: number, changes: WatchSource): Ref<boolean> {
  const atTop = ref(false)

  function place(): void {
    const el = box.value
    const focused = document.activeElement
    if (!el || !(focused instanceof HTMLElement) || focused === document.body || el.contains(focused) || el.offsetHeight === 0) {
      atTop.value = false
      return
    }
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
    const f = focused.getBoundingClientRect()
    // Where the box sits at the bottom, whichever corner it is in now.
    const left = window.innerWidth - sideRem * rem - el.offsetWidth
    const top = window.innerHeight - bottomRem * rem - el.offsetHeight
    const under = f.right > left && f.bottom > top && f.top < top + el.offsetHeight
    // Up only when that clears it: a focused box as tall as the window is covered either way.
    atTop.value = under && f.top > sideRem * rem + el.offsetHeight
  }

  const later = (): void => void requestAnimationFrame(place)
  watch(changes, () => void nextTick(place))
  onMounted(() => {
    document.addEventListener('focusin', later)
    window.addEventListener('scroll', later, { capture: true, passive: true })
    window.addEventListener('resize', later)
  })
  onBeforeUnmount(() => {
    document.removeEventListener('focusin', later)
    window.removeEventListener('scroll', later, { capture: true })
    window.removeEventListener('resize', later)
  })
  return atTop
}
