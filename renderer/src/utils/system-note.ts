import { plainLine, type SystemEvent } from '@shared/domain'

/** A system note as the page words it: an i18n key and its names. */
export interface SystemNoteMessage {
  key: string
  params: Record<string, string>
}

/**
 * The page's own sentence for a hand-off note, or null when it cannot say it (a kind this version
 * does not know, or a name the kind needs left out): the thread then shows the server's text.
 * Names go in as one plain line each: they sit inside the app's sentence, where a line break or a
 * direction override in a name would rewrite the words around it.
 */
export function systemNoteMessage(event: SystemEvent): SystemNoteMessage | null {
  const to = event.to && plainLine(event.to.name)
  const by = event.by && plainLine(event.by.name)
  if (!to) return null
  switch (event.kind) {
    case 'assigned':
      // The seed records no one who assigned its chats.
      if (event.by === undefined) return { key: 'detail.event.assigned', params: { to } }
      return by ? { key: 'detail.event.assignedBy', params: { to, by } } : null
    case 'picked_up':
      return { key: 'detail.event.pickedUp', params: { to } }
    case 'transferred': {
      if (!by || event.from === undefined) return null
      if (event.from === null) return { key: 'detail.event.transferredFromQueue', params: { to, by } }
      const from = plainLine(event.from.name)
      return from ? { key: 'detail.event.transferred', params: { from, to, by } } : null
    }
    default:
      return null
  }
}
