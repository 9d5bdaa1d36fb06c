/**
 * Outcomes the supervisor should hear about: toasts for a few seconds, and the same entries kept in
 * a list until cleared. Entries hold a message key and its parameters, not text, so they follow the
 * language switch.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { OwnWords } from '@renderer/utils/own-words'
import { serverNow } from '@renderer/utils/time'

export type NoticeTone = 'success' | 'error' | 'info'

/**
 * What a toast's button does: data, not a callback, so an entry stays plain state. A chat is named
 * by its id within one dataset (see Workspace.datasetId), the one it was told under.
 */
export type NoticeAction = { kind: 'openConversation'; id: number; dataset?: string | null } | { kind: 'openQueue' }

export interface Notice {
  id: number
  tone: NoticeTone
  /** An i18n key and its named parameters. */
  key: string
  params: Record<string, string | number>
  /** Parameters in the app's own words, worded as the entry is read (the language may have changed since). */
  worded?: OwnWords
  at: number
  /** Still shown as a toast. */
  toast: boolean
  action?: NoticeAction
  /** Outcomes of one kind gathered into this entry while its toast was shown (see NoticeGroup). */
  group?: string
  count?: number
}

/** Arguments for vue-i18n's t: a message with a singular and a plural form picks by `count`. */
export const noticeMessage = (notice: Pick<Notice, 'key' | 'params'>): [string, Record<string, string | number>, number] => [
  notice.key,
  notice.params,
  typeof notice.params.count === 'number' ? notice.params.count : 1,
]

/**
 * Outcomes of one kind that keep arriving (a bulk assignment or a spread settling one chat after
 * another) go into one toast while it is shown, which then gives their number: thirty toasts in a
 * row would wall off the page and have a screen reader read out thirty lines.
 */
export interface NoticeGroup {
  name: string
  /** The message for several, given `count`. */
  manyKey: string
}

/** Successes fade; errors stay until closed, so nobody misses a refusal. */
export const TOAST_MS = 6_000
const MAX_KEPT = 100
/**
 * Toasts in view at once, errors aside: a burst (an outbox flushed on reconnect, say) must not
 * wall off the page. Those pushed out stay in the list.
 */
export const MAX_TOASTS = 4

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<Notice[]>([])
  const toasts = computed(() => items.value.filter((n) => n.toast))
  let nextId = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  /** Why a toast is held open: the pointer is on it, or the keyboard focus is in it. Reactive: the stack keeps a held toast in view. */
  const holds = reactive(new Map<number, Set<'pointer' | 'focus'>>())
  const isHeld = (id: number): boolean => holds.has(id)

  function fadeLater(id: number): void {
    timers.set(id, setTimeout(() => closeToast(id), TOAST_MS))
  }

  /** The shown toast of a group that the next outcome of its kind joins: not one someone is reading. */
  function openGroup(name: string): Notice | undefined {
    return items.value.find((n) => n.group === name && n.toast && !holds.has(n.id))
  }

  function push(
    tone: NoticeTone,
    key: string,
    params: Record<string, string | number> = {},
    action?: NoticeAction,
    group?: NoticeGroup,
    worded?: OwnWords,
  ): Notice {
    const joined = group ? openGroup(group.name) : undefined
    if (joined && group) {
      const count = (joined.count ?? 1) + 1
      const gathered: Notice = { id: joined.id, tone, key: group.manyKey, params: { count }, at: serverNow(), toast: true, group: group.name, count }
      items.value = [gathered, ...items.value.filter((n) => n.id !== joined.id)]
      if (tone !== 'error') {
        clearTimeout(timers.get(joined.id))
        fadeLater(joined.id)
      }
      return gathered
    }
    const notice: Notice = {
      id: nextId++,
      tone,
      key,
      params,
      ...(worded ? { worded } : {}),
      at: serverNow(),
      toast: true,
      ...(action ? { action } : {}),
      ...(group ? { group: group.name, count: 1 } : {}),
    }
    items.value = [notice, ...items.value].slice(0, MAX_KEPT)
    if (tone !== 'error') {
      fadeLater(notice.id)
      // The oldest go first (the list is newest first), but not one someone is reading.
      const shown = toasts.value.filter((n) => n.tone !== 'error')
      const excess = shown.length - MAX_TOASTS
      if (excess > 0) for (const old of shown.filter((n) => !holds.has(n.id)).slice(-excess)) closeToast(old.id)
    }
    return notice
  }

  /**
   * A toast does not fade while someone reads it or is about to press its button (WCAG 2.2.1,
   * timing adjustable); it fades a full while after the pointer and the focus have left it.
   */
  function hold(id: number, by: 'pointer' | 'focus'): void {
    if (!fading(id)) return
    const reasons = holds.get(id) ?? new Set()
    reasons.add(by)
    holds.set(id, reasons)
    clearTimeout(timers.get(id))
    timers.delete(id)
  }

  function release(id: number, by: 'pointer' | 'focus'): void {
    const reasons = holds.get(id)
    if (!reasons?.delete(by) || reasons.size > 0) return
    holds.delete(id)
    if (fading(id)) fadeLater(id)
  }

  const fading = (id: number): boolean => items.value.some((n) => n.id === id && n.toast && n.tone !== 'error')

  function closeToast(id: number): void {
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    timers.delete(id)
    holds.delete(id)
    items.value = items.value.map((n) => (n.id === id ? { ...n, toast: false } : n))
  }

  function clear(): void {
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
    holds.clear()
    items.value = []
  }

  return { items, toasts, isHeld, push, hold, release, closeToast, clear }
})
