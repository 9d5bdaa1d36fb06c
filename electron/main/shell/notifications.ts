/** Shows planner notices as native notifications; a click brings the window forward on that chat. */
import { Notification } from 'electron'
import type { DesktopTexts } from '../notify/desktop-texts'
import { KeptAlive } from '../notify/kept-alive'
import { noticeText, notificationBody } from '../notify/notice-text'
import type { Notice } from '../notify/planner'
import { iconPath } from './tray'

const shownNotices = new KeptAlive<Notification>()

export function showNotices(notices: Notice[], texts: DesktopTexts, onClick: (conversationId: number | null) => void): void {
  if (!Notification.isSupported()) return
  for (const notice of notices) {
    const text = noticeText(notice, texts)
    const shown = new Notification({ title: text.title, body: notificationBody(text.body, process.platform), icon: iconPath('tray@2x.png'), silent: false })
    const release = shownNotices.keep(shown)
    shown.once('click', () => {
      release()
      onClick(text.conversationId)
    })
    shown.once('close', release)
    shown.show()
  }
}
