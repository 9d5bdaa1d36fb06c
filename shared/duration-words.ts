/**
 * A length of time in words, in a BCP 47 language: "4 minutes, 29 seconds", "1 hour, 2 minutes",
 * from a day on "2 days, 3 hours". Units at zero are left out. Screen readers get it for the
 * waiting clock (which they would read as a time of day), and alerts say how long a chat waited.
 */
import { remembered } from './remembered'

type Unit = 'day' | 'hour' | 'minute' | 'second'

/** Formatters made once per language and unit: the waiting cells say their wait every second. */
const units = new Map<string, Intl.NumberFormat>()
const lists = new Map<string, Intl.ListFormat>()

const word = (tag: string, unit: Unit, value: number): string =>
  remembered(units, `${tag}|${unit}`, () => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' })).format(value)
const list = (tag: string): Intl.ListFormat => remembered(lists, tag, () => new Intl.ListFormat(tag, { type: 'unit', style: 'narrow' }))

export function durationWords(ms: number, tag: string, smallest: 'second' | 'minute' = 'second'): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const parts: [Unit, number][] =
    total >= 86_400
      ? [['day', Math.floor(total / 86_400)], ['hour', Math.floor((total % 86_400) / 3600)]]
      : [['hour', Math.floor(total / 3600)], ['minute', Math.floor((total % 3600) / 60)], ['second', total % 60]]
  const kept = smallest === 'minute' ? parts.filter(([unit]) => unit !== 'second') : parts
  const said = kept.filter(([, value]) => value > 0).map(([unit, value]) => word(tag, unit, value))
  return said.length ? list(tag).format(said) : word(tag, smallest, 0)
}
