/**
 * Finding elements the way a screen reader names them, in happy-dom: by role (explicit, or the
 * few implicit ones the renderer uses) and accessible name (aria-label, aria-labelledby, else text).
 */
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'

const IMPLICIT: Record<string, string> = {
  button: 'button',
  main: 'main',
  aside: 'complementary',
  section: 'region',
  nav: 'navigation',
  h1: 'heading',
  h2: 'heading',
  select: 'combobox',
}

type Root = VueWrapper | DOMWrapper<Element>

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

export function roleOf(element: Element): string | undefined {
  const explicit = element.getAttribute('role')
  if (explicit !== null) return explicit
  if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) return element.type
  return IMPLICIT[element.tagName.toLowerCase()]
}

export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label')
  if (label !== null) return squash(label)
  const labelledBy = element.getAttribute('aria-labelledby')
  if (labelledBy) {
    return squash(
      labelledBy
        .split(' ')
        .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' '),
    )
  }
  // A form control wrapped in its <label> is named by the label's own words, not by the options it holds.
  const wrapping = ['select', 'input', 'textarea'].includes(element.tagName.toLowerCase()) ? element.closest('label') : null
  if (wrapping) {
    const words = wrapping.cloneNode(true) as Element
    for (const control of Array.from(words.querySelectorAll('select, input, textarea'))) control.remove()
    return squash(words.textContent ?? '')
  }
  return squash(element.textContent ?? '')
}

export function allByRole(root: Root, role: string, name?: string | RegExp): DOMWrapper<Element>[] {
  return root.findAll('*').filter((el) => {
    if (roleOf(el.element) !== role) return false
    if (name === undefined) return true
    const actual = accessibleName(el.element)
    return typeof name === 'string' ? actual === name : name.test(actual)
  })
}

/** The one element with this role and name; throws when there is none or more than one. */
export function byRole(root: Root, role: string, name?: string | RegExp): DOMWrapper<Element> {
  const found = allByRole(root, role, name)
  if (found.length !== 1) throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}`)
  return found[0]!
}
