/**
 * axe-core's checks of what a screen reader and a low-vision user meet, run inside the page in
 * Chromium. The page's CSP allows no injected script tag, so axe goes in through the DevTools
 * protocol (page.evaluate), which the CSP does not govern.
 */
import axe from 'axe-core'
import type { Page } from 'playwright-core'

/** WCAG 2.2 A and AA, and axe's best practices (one h1, unique landmarks, …). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/**
 * Rules left out, each for a reason:
 * - label-content-name-mismatch (experimental in axe): a tab is named by its label alone ("In
 *   Queue"), which is how supervisors and tests call it; its live count is its description, not
 *   part of its name, so speaking "In Queue" still finds it.
 */
const LEFT_OUT = ['label-content-name-mismatch']

/** The violations on the page as it is now, a line each with where: empty when it passes. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe.source)
  const result = await page.evaluate(
    ([tags, leftOut]) => {
      const rules = Object.fromEntries(leftOut.map((id) => [id, { enabled: false }]))
      // In the page, where axe is a global and document the page's (this file is typed without the DOM).
      const inPage = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext }
      return inPage.axe.run(inPage.document, { runOnly: { type: 'tag', values: tags }, rules })
    },
    [TAGS, LEFT_OUT] as const,
  )
  return result.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')} — ${(node.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`))
}
