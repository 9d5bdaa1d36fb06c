/**
 * Name data for the demo workspace. Customers of an Indonesian contact center are mostly
 * Indonesian, with some English speakers (expats, tourists, foreign companies).
 */
import type { ChannelKind } from '../shared/domain'
import type { Random } from './random'

export const INDONESIAN_FIRST = [
  'Budi', 'Siti', 'Agus', 'Dewi', 'Rizky', 'Putri', 'Andi', 'Ayu', 'Joko', 'Sri', 'Bayu', 'Intan',
  'Fajar', 'Rina', 'Hendra', 'Wulan', 'Dimas', 'Nurul', 'Eko', 'Lestari', 'Yoga', 'Fitri', 'Arief',
  'Maya', 'Taufik', 'Indah', 'Reza', 'Kartika', 'Gilang', 'Novi', 'Wahyu', 'Ratna', 'Irfan', 'Anisa',
  'Bambang', 'Yuni', 'Hadi', 'Citra', 'Ilham', 'Mega', 'Surya', 'Dian', 'Teguh', 'Nadia', 'Aditya',
  'Sari', 'Rudi', 'Laras', 'Kevin', 'Melati',
] as const

export const INDONESIAN_LAST = [
  'Santoso', 'Wijaya', 'Pratama', 'Saputra', 'Lestari', 'Hidayat', 'Kusuma', 'Nugroho', 'Setiawan',
  'Siregar', 'Nasution', 'Harahap', 'Simanjuntak', 'Wibowo', 'Gunawan', 'Halim', 'Susanto', 'Purnomo',
  'Rahmawati', 'Permana', 'Sihombing', 'Tanjung', 'Putra', 'Utami', 'Maharani', 'Firmansyah',
  'Hakim', 'Prasetyo', 'Suryadi', 'Ramadhan',
] as const

export const ENGLISH_FIRST = [
  'James', 'Emily', 'Oliver', 'Sophie', 'Michael', 'Charlotte', 'Daniel', 'Grace', 'Thomas', 'Hannah',
  'Liam', 'Chloe', 'Ethan', 'Lucy', 'Jack', 'Amelia', 'Ryan', 'Olivia', 'Nathan', 'Isabella',
] as const

export const ENGLISH_LAST = [
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Evans', 'Thompson', 'Walker', 'White', 'Harris',
  'Clarke', 'Lewis', 'Robinson', 'Wright', 'Hughes', 'Mitchell', 'Cooper', 'Ward', 'Morgan', 'Bennett',
] as const

/** Agents of the demo floor: first names double as their sign-in e-mail. */
export const AGENT_NAMES = [
  'Rani Kusuma', 'Dimas Pratama', 'Ayu Lestari', 'Fajar Nugroho', 'Intan Permata', 'Bayu Saputra',
  'Nadia Halim', 'Reza Firmansyah', 'Citra Maharani', 'Gilang Ramadhan', 'Sarah Mitchell', 'Kevin Wijaya',
] as const

export const SUPERVISOR_NAME = 'Diah Anggraini'

const MAIL_DOMAINS = ['gmail.com', 'yahoo.co.id', 'outlook.com', 'hotmail.com', 'ymail.com'] as const
const MOBILE_PREFIXES = ['811', '812', '813', '821', '822', '852', '853', '856', '857', '878', '895', '896'] as const

export interface PersonName {
  name: string
  first: string
  last: string
}

export function randomPersonName(random: Random): PersonName {
  const english = random.chance(0.2)
  const first = english ? random.pick(ENGLISH_FIRST) : random.pick(INDONESIAN_FIRST)
  const last = english ? random.pick(ENGLISH_LAST) : random.pick(INDONESIAN_LAST)
  // Many Indonesians go by a single name.
  if (!english && random.chance(0.15)) return { name: first, first, last: '' }
  return { name: `${first} ${last}`, first, last }
}

/** An Indonesian mobile number the way people write it: +62 812-3456-7890. */
export function indonesianMobile(random: Random): string {
  const prefix = random.pick(MOBILE_PREFIXES)
  const a = String(random.int(1000, 9999))
  const b = String(random.int(100, 9999)).padStart(4, '0')
  return `+62 ${prefix}-${a}-${b}`
}

function slug(person: PersonName, separator: string): string {
  return [person.first, person.last].filter(Boolean).join(separator).toLowerCase()
}

/** What identifies the customer on that channel: phone, e-mail or account name. */
export function customerHandle(channel: ChannelKind, person: PersonName, random: Random): string {
  const digits = random.chance(0.6) ? String(random.int(1, 99)) : ''
  switch (channel) {
    case 'whatsapp':
      return indonesianMobile(random)
    case 'telegram':
      return random.chance(0.5) ? indonesianMobile(random) : `@${slug(person, '_')}${digits}`
    case 'email':
      return `${slug(person, '.')}${digits}@${random.pick(MAIL_DOMAINS)}`
    case 'instagram':
      return `@${slug(person, random.chance(0.5) ? '.' : '_')}${digits}`
    case 'facebook_messenger':
    case 'facebook_comment':
      return `${slug(person, '.')}${digits}`
    case 'livechat':
      return random.chance(0.7) ? `${slug(person, '.')}${digits}@${random.pick(MAIL_DOMAINS)}` : `visitor-${random.int(10000, 99999)}`
  }
}
