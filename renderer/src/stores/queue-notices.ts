/**
 * Queue notices decided in the main process (new chats, bursts, long waits). In Electron they are
 * native notifications already; in browser mode this store shows them as the browser's
 * notifications while the page is in the background, and as toasts while it is in view.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { QueueNotice } from '@shared/ipc/queue-notices'
import { queueNoticeMessage } from '@renderer/utils/queue-notice-message'
import { watchTabPresence, type TabPresence } from '@renderer/utils/tab-presence'
import { isBrowserMode, subscribe } from '@renderer/api/client'
import { useConversationsStore } from './conversations'
import { useDetailStore } from './detail'
import { useNotificationsStore, type NoticeAction } from './notifications'
import { usePagesStore } from './pages'
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
  let off: (() => void) | null = null
  let presence: TabPresence | null = null

  /** A notice about one chat leads to it; one about several, to the queue they wait in: both on the Customer page. */
  function follow(action: NoticeAction): void {
    pages.show('customer')
    // A chat told of under other data is not opened (a browser notification clicked late): its id may be another customer's now.
    if (action.kind === 'openQueue') void conversations.setTab('in_queue')
    else if (workspace.sameData(action.dataset)) void detail.open(action.id)
  }

  async function show(notice: QueueNotice): Promise<void> {
    const { key, params, id } = queueNoticeMessage(notice, (kind) => t(`channel.${kind}`), locale.value)
    const action: NoticeAction = id === null ? { kind: 'openQueue' } : { kind: 'openConversation', id, dataset: workspace.workspace?.datasetId ?? null }
    if (document.visibilityState === 'hidden' && permission.value === 'granted') {
      // Another tab says it: the one in view as a toast, or else the one that notifies for all.
      if (presence && !(await presence.notifiesWhileHidden())) return
      // Text only: the Notification API renders no markup, so customer text is safe here.
      const shown = new Notification(t('app.name'), { body: t(key, params), tag: id === null ? 'queue' : `chat-${id}` })
      shown.onclick = () => {
        window.focus()
        follow(action)
      }
      return
    }
    notifications.push('info', key, params, action)
  }

  function start(): void {
    if (!browserMode || off) return
    presence = watchTabPresence()
    off = subscribe('queue:notices', (list) => list.forEach((notice) => void show(notice)))
  }

  function stop(): void {
    off?.()
    off = null
    presence?.stop()
    presence = null
  }

  async function requestPermission(): Promise<void> {
    if (permission.value !== 'default') return
    permission.value = (await Notification.requestPermission()) as Permission
  }

  return { permission, browserMode, start, stop, requestPermission, follow }
})
