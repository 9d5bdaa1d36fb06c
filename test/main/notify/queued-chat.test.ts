import { describe, expect, it } from 'vitest'
import { toQueuedChat } from '../../../electron/main/notify/queue-watcher'
import { conversation } from '../support/domain'

describe('a queued chat as notices tell it', () => {
  it("carries the customer's last message, and no text when the last word was the bot's or the company's", () => {
    const waiting = conversation(7, { customer: { id: 1, name: 'Rina', handle: '@rina' }, queuedAt: 5_000 })
    expect(toQueuedChat({ ...waiting, lastMessage: { text: 'Paket saya belum sampai', at: 1, direction: 'in' } })).toEqual({
      id: 7,
      customerName: 'Rina',
      channel: 'whatsapp',
      text: 'Paket saya belum sampai',
      queuedAt: 5_000,
    })
    expect(toQueuedChat({ ...waiting, lastMessage: { text: 'Hi! An agent will be with you shortly.', at: 2, direction: 'out' } }).text).toBe('')
    expect(toQueuedChat({ ...waiting, lastMessage: null }).text).toBe('')
  })

  it('names a customer whose name shows nothing by their handle, so a notice never reads " is waiting"', () => {
    const blank = conversation(8, { customer: { id: 2, name: '\u3000 \u200b ', handle: '+62 811-1500-246' } })
    expect(toQueuedChat(blank).customerName).toBe('+62 811-1500-246')
  })
})
