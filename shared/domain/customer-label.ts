/**
 * How a customer is named on screen and in every sentence about them: their name, or when it holds
 * nothing to see (empty, spaces, only zero-width characters, as WhatsApp profiles often are) their
 * handle, else their chat's ticket number. A blank name left a row with no name, a detail with no
 * heading and toasts reading " is waiting on WhatsApp".
 */
/** Whether a text has anything to see: not only spaces and invisible format characters. */
export const hasVisibleText = (text: string): boolean => text.replace(/[\s\p{Cf}\p{Z}]/gu, '') !== ''

export function customerLabel(customer: { name: string; handle: string }, ticketNo: number): string {
  if (hasVisibleText(customer.name)) return customer.name.trim()
  if (hasVisibleText(customer.handle)) return customer.handle.trim()
  return `#${ticketNo}`
}
