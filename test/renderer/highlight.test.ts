import { describe, expect, it } from 'vitest'
import { whoText } from '../../shared/domain'
import { foundInMessagesOnly, splitMatches, type TextPart } from '../../renderer/src/utils/highlight'

/** The marked pieces only. */
const marked = (parts: TextPart[]): string[] => parts.filter((p) => p.match).map((p) => p.text)

describe('marking a search in customer text', () => {
  it('marks the start of each word that begins with a word of the search, as the search matches', () => {
    expect(marked(splitMatches('Budi Santoso', 'san bu'))).toEqual(['Bu', 'San'])
    expect(marked(splitMatches('Budi Santoso', 'santoso budi'))).toEqual(['Budi', 'Santoso'])
    // Inside a word is not where the search finds it.
    expect(marked(splitMatches('Sophie Taylor', 'a'))).toEqual([])
    expect(marked(splitMatches('Kartika Wijayana', 'ana'))).toEqual([])
    // A handle is words too: the search finds "santoso51" and "gmail" in it.
    expect(marked(splitMatches('budi.santoso51@gmail.com', 'santoso gm'))).toEqual(['santoso', 'gm'])
    expect(marked(splitMatches('+62 852-4090-0201', '4090-02'))).toEqual(['4090', '02'])
  })

  it('keeps every character of the text, in order', () => {
    const text = 'Budi <b>Santoso</b> & budi'
    const parts = splitMatches(text, 'budi')
    expect(parts.map((p) => p.text).join('')).toBe(text)
    expect(marked(parts)).toEqual(['Budi', 'budi'])
  })

  it('folds case and diacritics, and marks the word as written', () => {
    expect(marked(splitMatches('José Aná', 'jose ana'))).toEqual(['José', 'Aná'])
    expect(marked(splitMatches('JOSÉ', 'josé'))).toEqual(['JOSÉ'])
    // Letters Unicode leaves whole are found by their plain spelling, as the cache finds them.
    expect(marked(splitMatches('Đặng Straße, Łódź', 'dang strasse lo'))).toEqual(['Đặng', 'Straße', 'Łó'])
    // Written with a combining accent: the accent stays inside the mark with its letter.
    const decomposed = 'Jose\u0301 Putra'
    expect(marked(splitMatches(decomposed, 'jose'))).toEqual(['Jose\u0301'])
    expect(splitMatches(decomposed, 'jose').map((p) => p.text).join('')).toBe(decomposed)
  })

  it('marks the longest of two words that begin the same word', () => {
    expect(marked(splitMatches('Muhammad', 'mu muham'))).toEqual(['Muham'])
  })

  it('marks a message word the search found without its Indonesian prefix, whole, and nothing the cache does not find', () => {
    expect(marked(splitMatches('Paket sudah dikirim, pengiriman lama', 'kirim', true))).toEqual(['dikirim', 'pengiriman'])
    expect(marked(splitMatches('Pembayaran dan tagihan membayarnya', 'bayar', true))).toEqual(['Pembayaran', 'membayarnya'])
    expect(marked(splitMatches('Mohon menunggu, sudah ditunggu', 'tunggu', true))).toEqual(['menunggu', 'ditunggu'])
    // Its beginning matched one word of the search and its root another: the whole word is marked.
    expect(marked(splitMatches('Paket dikirim', 'di kirim', true))).toEqual(['dikirim'])
    // Two letters are no root: "diam" is not di- before "am", and "service" no se- before "rvice".
    expect(marked(splitMatches('Saya diam saja', 'am', true))).toEqual([])
    expect(marked(splitMatches('Our service', 'vice', true))).toEqual([])
    // Names are indexed as written: a name is marked only where it begins with the word.
    expect(marked(splitMatches('Dikirim Santoso', 'kirim'))).toEqual([])
  })

  it('leaves the text whole without a search', () => {
    expect(splitMatches('Budi', '')).toEqual([{ text: 'Budi', match: false }])
    expect(splitMatches('Budi', '  -- ')).toEqual([{ text: 'Budi', match: false }])
    expect(splitMatches('', 'budi')).toEqual([])
  })
})

describe('telling a row found by its messages from one found by what it shows', () => {
  const who = whoText('Budi Santoso', '+62 852-4090-0201', 10499)
  it('is not so while every word of the search is in the name, handle, phone, ticket number or a label', () => {
    expect(foundInMessagesOnly('budi', who, [])).toBe(false)
    expect(foundInMessagesOnly('san 4090', who, [])).toBe(false)
    // The phone as typed locally, and the ticket number, are found without being marked.
    expect(foundInMessagesOnly('08524090', who, [])).toBe(false)
    // A number kept in the local form, typed with the country code.
    expect(foundInMessagesOnly('+62 857 2211', whoText('Rahmat', '0857-2211-4433', 10500), [])).toBe(false)
    expect(foundInMessagesOnly('1049', who, [])).toBe(false)
    expect(foundInMessagesOnly('budi ref', who, ['Refund'])).toBe(false)
    expect(foundInMessagesOnly('', who, [])).toBe(false)
  })

  it('is so once a word of the search is nowhere but in the messages', () => {
    expect(foundInMessagesOnly('refund', who, [])).toBe(true)
    expect(foundInMessagesOnly('budi paket', who, ['Pengiriman'])).toBe(true)
    // Inside a word is not where the search finds it.
    expect(foundInMessagesOnly('toso', who, [])).toBe(true)
  })
})
