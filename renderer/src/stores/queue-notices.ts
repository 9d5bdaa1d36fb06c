/**
 * Queue notices decided in the main process (new chats, bursts, long waits). In Electron they are
 * native notifications already; in browser mode this store shows them as the browser's
 * notifications while the page is in the background, and as toasts while it is in view.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { MissedQueueChats, QueueNotice } from '@shared/ipc/queue-notices'
import { DEFAULT_SETTINGS } from '@shared/ipc/settings'
import { missedNotices } from '@renderer/utils/missed-notices'
import { sayOwnWords } from '@renderer/utils/own-words'
import { queueNoticeMessage, type QueueNoticeMessage } from '@renderer/utils/queue-notice-message'
import { watchTabPresence, type TabPresence } from '@renderer/utils/tab-presence'
import { toldHeard } from '@renderer/utils/told-heard'
import { call, isBrowserMode, onEventsMissed, subscribe } from '@renderer/api/client'
import { useConversationsStore } from './conversations'
import { useDetailStore } from './detail'
import { useNotificationsStore, type NoticeAction } from './notifications'
import { usePagesStore } from './pages'
import { useSettingsStore } from './settings'
import { useWorkspaceStore } from './workspace'

type Permission = 'default' | 'granted' | 'denied' | 'unsupported'

const currentPermission = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : (Notification.permission as Permission)

export const useQueueNoticesStore = defineStore('queueNotices', () => {
  const { t, locale } = useI18n({ useScope: 'global' })
  const notifications = useNotificationsStore()
  const detail = useDetailStore()
  const conversations = useConversationsStore()
  const pages = usePagesStore()
  const workspace = useWorkspaceStore()
  const permission = ref<Permission>(currentPermission())
  const browserMode = isBrowserMode()
  const settings = useSettingsStore()
  let off: (() => void) | null = null
  let offMissed: (() => void) | null = null
  let heard = toldHeard()
  let presence: TabPresence | null = null

  /** A notice about one chat leads to it; one about several, to the queue they wait in: both on the Customer page. */
  function follow(action: NoticeAction): void {
    pages.show('customer')
    // A chat told of under other data is not opened (a browser notification clicked late): its id may be another customer's now.
    if (action.kind === 'openQueue') void conversations.setTab('in_queue')
    else if (workspace.sameData(action.dataset)) void detail.open(action.id)
  }

  const show = (notice: QueueNotice): Promise<void> => say(queueNoticeMessage(notice))

  async function say({ key, params, worded, id }: QueueNoticeMessage): Promise<void> {
    const action: NoticeAction = id === null ? { kind: 'openQueue' } : { kind: 'openConversation', id, dataset: workspace.workspace?.datasetId ?? null }
    if (document.visibilityState === 'hidden' && permission.value === 'granted') {
      // Another tab says it: the one in view as a toast, or else the one that notifies for all.
      if (presence && !(await presence.notifiesWhileHidden())) return
      // Text only: the Notification API renders no markup, so customer text is safe here.
      const shown = new Notification(t('app.name'), { body: t(key, { ...params, ...sayOwnWords(worded, t, locale.value) }), tag: id === null ? 'queue' : `chat-${id}` })
      shown.onclick = () => {
        window.focus()
        follow(action)
      }
      return
    }
    notifications.push('info', key, params, action, undefined, worded)
  }

  /**
   * Reads back the chats told while the page's socket was gone that still wait: as new, or as
   * waiting too long (see missedNotices for how they are worded and grouped).
   */
  async function catchUp(): Promise<void> {
    const book = heard
    let answer: MissedQueueChats
    try {
      answer = await call('queue:missed', { after: book.upTo })
    } catch {
      // Not answered (the socket went again): the next reconnection asks again from the same number.
      return
    }
    const missed = book.readBack(answer)
    // Stopped meanwhile (signed out): the next start reads where the numbering stands anew.
    if (missed.length === 0 || book !== heard || !off) return
    const chosen = settings.settings?.notifications ?? DEFAULT_SETTINGS.notifications
    const said = missedNotices(missed, {
      more: answer.more,
      groupAbove: chosen.coalesceAbove,
      waitingTooLongMinutes: chosen.waitingTooLongMinutes,
    })
    for (const message of said) void say(message)
  }

  function start(): void {
    if (!browserMode || off) return
    presence = watchTabPresence()
    heard = toldHeard()
    off = subscribe('queue:notices', (list) =>
      list.forEach((notice) => {
        if (notice.told) heard.hear(notice.told)
        void show(notice)
      }),
    )
    offMissed = onEventsMissed(() => void catchUp())
    // Where the numbering stands as the page opens: chats told before are none of its news.
    void catchUp()
  }

  function stop(): void {
    off?.()
    off = null
    offMissed?.()
    offMissed = null
    presence?.stop()
    presence = null
  }

  async function requestPermission(): Promise<void> {
    if (permission.value !== 'default') return
    permission.value = (await Notification.requestPermission()) as Permission
  }

  return { permission, browserMode, start, stop, requestPermission, follow }
})
