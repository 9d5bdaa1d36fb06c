/** WCAG's least contrast for body text (small text such as a chip's). */
export const TEXT_CONTRAST = 4.5

const DARK_TEXT = '#111827'
const LIGHT_TEXT = '#ffffff'

type Rgb = [number, number, number]

function parse(hex: string): Rgb | null {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return null
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]
}

const format = (rgb: Rgb): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const channel = (c: number): number => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)]
  if (!x || !y) return 1
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** A chip's colours, as a style (a type, not an interface: Vue's style binding wants its index signature). */
export type ChipStyle = { backgroundColor: string; color: string }

const chips = new Map<string, ChipStyle>()

/**
 * The colours of a label's chip. A label's colour is the workspace's choice and may be too light
 * for white text or too dark for black (white on #0090ff is 3.3:1); the text keeps the colour the
 * chip suggests, and the chip is darkened or lightened just enough for its name to read at 4.5:1.
 */
export function chipStyle(hex: string): ChipStyle {
  const known = chips.get(hex)
  if (known) return known
  const rgb = parse(hex)
  let result: ChipStyle = { backgroundColor: hex, color: 'inherit' }
  if (rgb) {
    const light = luminance(rgb) > 0.4
    const text = light ? DARK_TEXT : LIGHT_TEXT
    const toward = light ? 255 : 0
    let background = hex
    // 5% nearer black (or white) a step: the least change that reads, not a new colour.
    for (let step = 1; step <= 20 && contrast(background, text) < TEXT_CONTRAST; step++) {
      background = format(rgb.map((c) => c + (toward - c) * step * 0.05) as Rgb)
    }
    result = { backgroundColor: background, color: text }
  }
  chips.set(hex, result)
  return result
}
