/**
 * The Handled tab's strip of agents scrolls sideways when the floor has more agents than the window
 * is wide. It says so exactly then: the edge that has more fades and offers a button saying how
 * many agents lie past it, named in both languages and usable from the keyboard.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { buildRenderer } from './support/build-renderer'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-agent-strip-e2e-'))
  // The demo floor: twelve agents, more than 1,280px hold side by side and fewer than 1,920px do.
  server = await startReferenceServer({ port: 0, seed: 200, sim: false, demo: true })
  ;({ app, browser, page } = await openObserveOn(server, dir))
  await page.getByRole('tab', { name: 'Handled', exact: true }).click()
  await strip().getByRole('listitem').first().waitFor()
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

const strip = () => page.getByRole('region', { name: /^(Who serves whom|Siapa melayani siapa)$/ })
const NAMES = {
  en: { before: /^Scroll the agents left \((\d+) more\)$/, after: /^Scroll the agents right \((\d+) more\)$/ },
  id: { before: /^Geser daftar agen ke kiri \((\d+) lagi\)$/, after: /^Geser daftar agen ke kanan \((\d+) lagi\)$/ },
} as const

interface Overflow {
  /** Cards wholly or partly out of the strip's view, on each side. */
  before: number
  after: number
  /** Whether each edge is faded. */
  fadedBefore: boolean
  fadedAfter: boolean
  /** The focused card's agent, and whether it is wholly in view. */
  focused: string | null
  focusedInView: boolean
}

// Read in the page, as a string: these files are typed without the DOM.
const OVERFLOW = `(() => {
  const list = document.querySelector('.strip .cards')
  const view = list.getBoundingClientRect()
  const cards = [...list.querySelectorAll('.card')].map((card) => card.getBoundingClientRect())
  const viewport = list.parentElement
  const faded = (side) => {
    const style = getComputedStyle(viewport, side)
    return style.content !== 'none' && style.opacity === '1'
  }
  const focused = document.activeElement?.closest('.card')
  const box = focused?.getBoundingClientRect()
  return {
    before: cards.filter((r) => r.left < view.left - 1).length,
    after: cards.filter((r) => r.right > view.right + 1).length,
    fadedBefore: faded('::before'),
    fadedAfter: faded('::after'),
    focused: focused ? focused.querySelector('.name').textContent : null,
    focusedInView: !!box && box.left >= view.left - 1 && box.right <= view.right + 1,
  }
})()`

const overflow = (): Promise<Overflow> => page.evaluate<Overflow>(OVERFLOW)
/** After a resize, the strip measures itself within the next frames. */
const settled = (): Promise<unknown> => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')

/**
 * The count a cue's name gives, or null when the cue is not there. Read in one step: the strip
 * measures itself on the frame after a scroll, so a cue counted a moment ago can be gone, and a
 * second read of a button that went waits for it to come back, past any poll's time.
 */
async function cue(lang: 'en' | 'id', side: 'before' | 'after'): Promise<number | null> {
  const found = await strip()
    .getByRole('button', { name: NAMES[lang][side] })
    .evaluateAll((buttons) => buttons.map((button) => ({ name: button.getAttribute('aria-label') ?? '', visible: button.checkVisibility() })))
  if (found.length === 0) return null
  expect(found).toHaveLength(1)
  expect(found[0]!.visible).toBe(true)
  return Number(NAMES[lang][side].exec(found[0]!.name)![1])
}

describe("the Handled tab's agent strip", () => {
  it('shows that it scrolls exactly when its agents overflow, and how many lie past each edge, in both languages', async () => {
    try {
      for (const lang of ['en', 'id'] as const) {
        await page.locator('.language select').selectOption(lang)
        await strip().getByRole('heading', { name: lang === 'en' ? 'Who serves whom' : 'Siapa melayani siapa' }).waitFor()
        for (const width of [1000, 1280, 1440, 1920]) {
          await page.setViewportSize({ width, height: 800 })
          await settled()
          const at = await overflow()
          expect({ lang, width, before: await cue(lang, 'before'), after: await cue(lang, 'after'), fadedBefore: at.fadedBefore, fadedAfter: at.fadedAfter }).toEqual({
            lang,
            width,
            before: null,
            after: at.after > 0 ? at.after : null,
            fadedBefore: false,
            fadedAfter: at.after > 0,
          })
        }
      }
      // Both ends of the check were met: the demo floor overflows 1,280px and fits 1,920px.
      await page.setViewportSize({ width: 1280, height: 800 })
      await settled()
      expect((await overflow()).after).toBeGreaterThan(0)
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 })
      await page.locator('.language select').selectOption('en')
    }
  })

  it('brings the agents past the edge into view from the keyboard, and the focus goes with them', async () => {
    // At once rather than smoothly: each press then ends where the next one starts.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.setViewportSize({ width: 1000, height: 800 })
    try {
      const start = await agreed()
      expect(start.after).toBeGreaterThan(0)
      // The first card not wholly in view is the one brought in first.
      const firstHidden = await page.evaluate<string>(`(() => {
        const list = document.querySelector('.strip .cards')
        const right = list.getBoundingClientRect().right
        return [...list.querySelectorAll('.card')].find((card) => card.getBoundingClientRect().right > right + 1).querySelector('.name').textContent
      })()`)
      const more = strip().getByRole('button', { name: NAMES.en.after })
      await more.focus()
      await page.keyboard.press('Enter')
      const paged = await agreed()
      expect({ focused: paged.focused, inView: paged.focusedInView }).toEqual({ focused: firstHidden, inView: true })

      // Paged on to the end: the cue moves to the start and says how many lie there.
      let presses = 1
      while (await more.count()) {
        await more.focus()
        await page.keyboard.press('Enter')
        await agreed()
        presses++
      }
      // Narrow enough that one press did not reach the end: a later one starts where the last ended.
      expect(presses).toBeGreaterThan(1)
      const end = await agreed()
      expect({ after: end.after, before: end.before > 0, fadedBefore: end.fadedBefore, fadedAfter: end.fadedAfter, inView: end.focusedInView }).toEqual({
        after: 0,
        before: true,
        fadedBefore: true,
        fadedAfter: false,
        inView: true,
      })
      // And back with the pointer: the start's button brings the first agents into view again.
      const back = strip().getByRole('button', { name: NAMES.en.before })
      while (await back.count()) {
        await back.click()
        await agreed()
      }
      expect(await agreed()).toMatchObject({ before: 0, after: start.after })
    } finally {
      await page.emulateMedia({ reducedMotion: 'no-preference' })
      await page.setViewportSize({ width: 1280, height: 720 })
    }
  })
})

/** Waits until the cues say what the strip shows (it measures itself on the frame after a scroll), and answers it. */
async function agreed(lang: 'en' | 'id' = 'en'): Promise<Overflow> {
  let at: Overflow | null = null
  await expect
    .poll(async () => {
      at = await overflow()
      return (await cue(lang, 'before')) === (at.before || null) && (await cue(lang, 'after')) === (at.after || null)
    }, { timeout: 10_000 })
    // Room for a late frame while the whole suite runs at once; a cue that never agrees still fails.
    .toBe(true)
  return at!
}
