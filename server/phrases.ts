/**
 * What customers, agents and bots say in the demo threads. A conversation keeps one topic and one
 * language, picked from its id, so the seed's lastMessage and the thread built later agree.
 */
import type { EventPerson, SystemEvent } from '../shared/domain'
import { ENGLISH_FIRST } from './names'
import { mixSeed } from './random'

export type Language = 'id' | 'en'

export interface Topic {
  opening: string
  details: readonly string[]
  replies: readonly string[]
  closing: string
}

const TOPICS: Record<Language, readonly Topic[]> = {
  id: [
    {
      opening: 'Halo kak, pesanan saya belum sampai padahal sudah 5 hari.',
      details: ['Nomor pesanannya INV-{n}, kak.', 'Kurirnya tidak bisa dihubungi.', 'Mohon dicek ya, butuh cepat.'],
      replies: ['Baik kak, kami cek status pengirimannya dulu ya.', 'Paket kakak sedang transit di gudang Cikarang, estimasi tiba besok.'],
      closing: 'Terima kasih sudah menunggu, kak. Ada lagi yang bisa kami bantu?',
    },
    {
      opening: 'Selamat siang, saya mau refund untuk transaksi kemarin.',
      details: ['Saldo sudah terpotong tapi status masih gagal.', 'Ini bukti transfernya.', 'Kira-kira berapa lama prosesnya?'],
      replies: ['Mohon maaf atas kendalanya, kak. Refund diproses 3-5 hari kerja.', 'Boleh dibantu nomor rekening tujuan refund-nya, kak?'],
      closing: 'Refund sudah kami ajukan ya kak. Terima kasih atas kesabarannya.',
    },
    {
      opening: 'Min, kenapa aplikasinya tidak bisa login ya?',
      details: ['Muncul tulisan "sesi berakhir" terus.', 'Sudah coba install ulang tetap sama.', 'Pakai HP Android, kak.'],
      replies: ['Boleh dicoba hapus cache aplikasinya dulu, kak?', 'Kami sudah reset sesi akun kakak, silakan login kembali.'],
      closing: 'Senang bisa membantu! Semoga harinya menyenangkan, kak.',
    },
    {
      opening: 'Kak, promo cashback 50% masih berlaku tidak?',
      details: ['Kodenya tidak bisa dipakai di checkout.', 'Minimal belanjanya berapa ya?'],
      replies: ['Promo masih berlaku sampai akhir bulan, kak.', 'Minimal transaksi Rp100.000 dan berlaku untuk pengguna baru.'],
      closing: 'Sama-sama kak, selamat berbelanja!',
    },
    {
      opening: 'Saya mau ganti nomor HP yang terdaftar di akun.',
      details: ['Nomor lama sudah tidak aktif.', 'Email saya masih sama.'],
      replies: ['Baik kak, untuk verifikasi mohon kirim foto KTP ya.', 'Nomor HP kakak sudah berhasil kami perbarui.'],
      closing: 'Perubahan data sudah selesai ya kak. Terima kasih.',
    },
    {
      opening: 'Tagihan bulan ini kok lebih besar dari biasanya?',
      details: ['Biasanya cuma Rp250.000.', 'Saya tidak merasa pakai layanan tambahan.'],
      replies: ['Kami cek rincian tagihannya dulu ya kak.', 'Ada biaya roaming tanggal 12, kak. Kami bantu ajukan koreksi.'],
      closing: 'Koreksi tagihan sudah kami teruskan, kak. Terima kasih sudah menghubungi kami.',
    },
  ],
  en: [
    {
      opening: "Hi, my order hasn't arrived yet and it's been five days.",
      details: ['The order number is INV-{n}.', 'The tracking page has not moved since Monday.'],
      replies: ["Sorry about that! Let me check the shipment for you.", 'Your parcel is at our Cikarang hub and should arrive tomorrow.'],
      closing: 'Thanks for your patience. Anything else I can help with?',
    },
    {
      opening: 'Hello, I was charged twice for the same booking.',
      details: ['Both charges show on my card statement.', 'Here is a screenshot.'],
      replies: ['I can see the duplicate charge, I am raising a refund now.', 'The refund takes 3-5 working days to show on your card.'],
      closing: 'The refund is on its way. Have a great day!',
    },
    {
      opening: "I can't log in to the app, it keeps saying my session expired.",
      details: ['I already reinstalled it.', 'It is an iPhone 13.'],
      replies: ['Could you try clearing the app data first?', 'I have reset your session, please try logging in again.'],
      closing: 'Glad it works now! Thanks for reaching out.',
    },
    {
      opening: 'Do you ship to Bali? I could not find it at checkout.',
      details: ['The address is in Canggu.', 'I need it before Friday.'],
      replies: ['Yes, we ship to Bali with a 2-3 day estimate.', 'Please choose "Regular" at checkout, express is not available there.'],
      closing: 'You are welcome, happy shopping!',
    },
  ],
}

export const BOT_GREETING: Record<Language, string> = {
  id: 'Halo! Terima kasih telah menghubungi kami. Mohon tunggu, agen kami akan segera membantu.',
  en: 'Hi! Thanks for contacting us. Please hold on, one of our agents will be with you shortly.',
}

export const BOT_CLOSING: Record<Language, string> = {
  id: 'Percakapan ini kami tutup otomatis. Balas pesan ini kapan saja jika masih butuh bantuan.',
  en: 'We are closing this chat automatically. Reply any time if you still need help.',
}

export const OUTBOX_BLAST: Record<Language, string> = {
  id: 'Halo {name}, ada promo spesial minggu ini untuk kamu! Balas pesan ini untuk info lebih lanjut.',
  en: 'Hi {name}, we have a special offer for you this week! Reply to this message to learn more.',
}

export const AGENT_GREETING: Record<Language, string> = {
  id: 'Halo kak {name}, perkenalkan saya {agent}. Ada yang bisa saya bantu?',
  en: "Hi {name}, I'm {agent} and I'll be helping you today.",
}

/** A seeded handler's note: the seed records no one who assigned it. */
export function systemAssigned(to: EventPerson): SystemEvent {
  return { kind: 'assigned', to }
}

/** A live hand-off's note; an agent taking a chat themselves picked it up. */
export function systemHandoff(action: 'assign' | 'transfer', people: { by: EventPerson; from: EventPerson | null; to: EventPerson }): SystemEvent {
  if (action === 'transfer') return { kind: 'transferred', from: people.from, to: people.to, by: people.by }
  return people.by.id === people.to.id ? { kind: 'picked_up', to: people.to, by: people.by } : { kind: 'assigned', to: people.to, by: people.by }
}

/** The note's English text, kept beside its event for clients that cannot word the event; names, not ids, because people read threads. */
export function systemNoteText(event: SystemEvent): string {
  const to = event.to?.name ?? ''
  switch (event.kind) {
    case 'transferred':
      return `Transferred from ${event.from?.name ?? 'the queue'} to ${to} by ${event.by?.name ?? ''}`
    case 'picked_up':
      return `Picked up by ${to}`
    default:
      return event.by === undefined ? `Conversation assigned to ${to}` : `Assigned to ${to} by ${event.by.name}`
  }
}

const ENGLISH_NAMES: ReadonlySet<string> = new Set(ENGLISH_FIRST)

/** English-named customers write in English; a few Indonesians do too. */
export function languageOf(conversationId: number, customerName: string): Language {
  const first = customerName.split(' ')[0] ?? ''
  if (ENGLISH_NAMES.has(first)) return 'en'
  return mixSeed(0x1a2b, conversationId) % 10 === 0 ? 'en' : 'id'
}

export function topicOf(conversationId: number, language: Language): Topic {
  const topics = TOPICS[language]
  return topics[mixSeed(0x70c1c, conversationId) % topics.length] as Topic
}

/** Templates split once at their {placeholders}: odd parts are names. A large seed fills millions. */
const templateParts = new Map<string, string[]>()

export function fill(template: string, values: Record<string, string | number>): string {
  let parts = templateParts.get(template)
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/)
    templateParts.set(template, parts)
  }
  let text = parts[0]!
  for (let index = 1; index < parts.length; index += 2) {
    const key = parts[index]!
    text += (key in values ? String(values[key]) : `{${key}}`) + parts[index + 1]!
  }
  return text
}
