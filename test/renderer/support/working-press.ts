import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { expect } from 'vitest'
import { byRole } from './roles'

/**
 * The button of a press whose call is under way, found by the name it has while it works: heard
 * as busy, and still focusable (aria-disabled, not disabled), so the focus on it is not lost.
 */
export function workingButton(root: VueWrapper, name: string): DOMWrapper<Element> {
  const button = byRole(root, 'button', name)
  expect(button.attributes('aria-busy')).toBe('true')
  expect(button.attributes('aria-disabled')).toBe('true')
  expect(button.attributes('disabled')).toBeUndefined()
  return button
}
