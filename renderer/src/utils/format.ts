import type { Locale } from '@renderer/i18n'
import { durationWords as sharedDurationWords } from '@shared/duration-words'
import { remembered } from '@shared/remembered'

/** The BCP 47 tag Intl should use for a UI language. */
export function intlLocale(locale: string): string {
  return (locale as Locale) === 'id' ? 'id-ID' : 'en'
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
/** Made once each: a thread of thousands of attachments formatted a size per bubble per render. */
const sizeFormats = new Map<string, Intl.NumberFormat>()

/** "512 bytes", "1.4 MB" (1 kB = 1000 bytes, as file managers show), in the UI language. */
export function formatBytes(size: number, locale: string): string {
  let value = size
  let unit = 0
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  const format = remembered(sizeFormats, `${locale}|${unit}|${digits}`, () =>
    new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit: SIZE_UNITS[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: digits }),
  )
  return format.format(value)
}

/**
 * A waiting time as a clock: "0:42", "12:05", "1:02:09"; from a day on, whole days and hours
 * through `days` (a translated "{days}d {hours}h").
 */
export function formatDuration(ms: number, days?: (d: number, h: number) => string): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  if (days && total >= 86_400) return days(Math.floor(total / 86_400), Math.floor((total % 86_400) / 3600))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (n: number): string => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/** A waiting time in words, in the UI language (see shared/duration-words). */
export function durationWords(ms: number, locale: string, smallest: 'second' | 'minute' = 'second'): string {
  return sharedDurationWords(ms, intlLocale(locale), smallest)
}
