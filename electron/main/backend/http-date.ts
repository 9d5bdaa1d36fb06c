/**
 * An HTTP Date header as a time, or null. RFC 9110 (5.6.7) lets a server send only IMF-fixdate but
 * asks a recipient to read the two obsolete forms as well (RFC 850 and asctime), which old servers
 * and proxies still send. Date.parse is no help: it reads "0" as the year 2000, an asctime date as
 * local time, and a year of 9999 as it says. So each form is matched exactly and taken as UTC, and
 * only years of this century count: a clock further off is a broken clock, not the server's time.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const MONTH = `(${MONTHS.join('|')})`
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})'

/** Sun, 06 Nov 2094 08:49:37 GMT */
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (20\\d{2}) ${TIME} GMT$`)
/** Sunday, 06-Nov-94 08:49:37 GMT */
const RFC_850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`)
/** Sun Nov  6 08:49:37 2094 */
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (20\\d{2})$`)

/** A two-digit year more than 50 years ahead is the last century's (RFC 9110 5.6.7). */
const TWO_DIGIT_YEAR_LOOKAHEAD = 50

export function parseHttpDate(header: string, now = Date.now()): number | null {
  let parts: { day: string; month: string; year: number; h: string; m: string; s: string } | null = null
  const imf = IMF_FIXDATE.exec(header)
  if (imf) parts = { day: imf[1]!, month: imf[2]!, year: Number(imf[3]), h: imf[4]!, m: imf[5]!, s: imf[6]! }
  const old = RFC_850.exec(header)
  if (old) {
    const year = 2000 + Number(old[3])
    const past = year > new Date(now).getUTCFullYear() + TWO_DIGIT_YEAR_LOOKAHEAD
    parts = past ? null : { day: old[1]!, month: old[2]!, year, h: old[4]!, m: old[5]!, s: old[6]! }
  }
  const asc = ASCTIME.exec(header)
  if (asc) parts = { day: asc[2]!.trim(), month: asc[1]!, year: Number(asc[6]), h: asc[3]!, m: asc[4]!, s: asc[5]! }
  if (!parts) return null
  const [day, month, h, m, s] = [Number(parts.day), MONTHS.indexOf(parts.month), Number(parts.h), Number(parts.m), Number(parts.s)]
  // A leap second (60) is allowed by the grammar; it is read as the next second's start.
  if (day < 1 || h > 23 || m > 59 || s > 60) return null
  const midnight = Date.UTC(parts.year, month, day)
  // Date.UTC rolls 31 Feb over into March; a working clock never sent such a date.
  if (new Date(midnight).getUTCDate() !== day) return null
  return midnight + ((h * 60 + m) * 60 + s) * 1000
}
