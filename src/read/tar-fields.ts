/** Tar header fields and pax records, decoded as Python's tarfile decodes them. */

export const BLOCK = 512

/** pax records by keyword, in the order first seen (as a Python dict keeps them). */
export type PaxRecords = Map<string, string>

/** `count` rounded up to whole blocks. */
export function padded(count: number): number {
  return Math.ceil(count / BLOCK) * BLOCK
}

/** A NUL-terminated UTF-8 field. */
export function fieldText(block: Buffer, start: number, length: number): string {
  const end = Math.min(start + length, block.length)
  const nul = block.indexOf(0, start)
  return block.toString('utf8', start, nul >= 0 && nul < end ? nul : end)
}

/** Python's str.strip() on ASCII text. */
// eslint-disable-next-line no-control-regex
const PYTHON_SPACE = /^[\t\n\v\f\r\x1c-\x1f ]+|[\t\n\v\f\r\x1c-\x1f ]+$/g

/**
 * A number field as tarfile's `nti` reads it: base-256 after a 0x80 (or, negative, 0xff) byte; else the
 * text up to the first NUL given to Python's int(…, 8), which also takes a sign, `0o` and underscores.
 * Undefined where tarfile calls the header invalid.
 */
export function headerNumber(block: Buffer, start: number, length: number): number | undefined {
  const plain = plainOctal(block, start, length)
  if (plain !== undefined) return plain
  const first = block[start] ?? 0
  if (first === 0x80 || first === 0xff) {
    let value = 0
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (block[i] ?? 0)
    if (first === 0xff) value -= 256 ** (length - 1)
    return Number.isSafeInteger(value) ? value : undefined
  }
  const end = start + length
  const nul = block.indexOf(0, start)
  const raw = block.subarray(start, nul >= start && nul < end ? nul : end)
  if (raw.some(byte => byte > 0x7f)) return undefined
  const digits = raw.toString('latin1').replace(PYTHON_SPACE, '')
  if (digits === '') return 0
  const match = /^([+-]?)(?:0[oO]_?)?([0-7](?:_?[0-7])*)$/.exec(digits)
  if (!match) return undefined
  const value = parseInt((match[2] ?? '').replaceAll('_', ''), 8)
  return match[1] === '-' ? -value : value
}

/** Octal digits ended by NUL or space, as every tar writes them: read without building strings. */
function plainOctal(block: Buffer, start: number, length: number): number | undefined {
  let value = 0
  let at = start
  for (; at < start + length; at++) {
    const byte = block[at]!
    if (byte < 0x30 || byte > 0x37) break
    value = value * 8 + byte - 0x30
  }
  if (at === start) return undefined
  const limit = start + length
  while (at < limit && block[at] === 0x20) at++
  if (at < limit && block[at] !== 0) return undefined
  return value
}

/** The plain octal every tar writes (spaces before, space or NUL after), or GNU's base-256. */
export function isCanonicalOctal(block: Buffer, start: number, length: number): boolean {
  if (block[start] === 0x80) return true
  const text = block.toString('latin1', start, start + length).replace(/\0[\s\S]*$/, '')
  return /^ *[0-7]* *$/.test(text)
}

/** The sum of the header's bytes with the checksum field read as spaces: unsigned, or signed (old tars). */
export function checksumValid(block: Buffer): boolean {
  const stored = headerNumber(block, 148, 8)
  if (stored === undefined) return false
  let unsigned = 8 * 0x20
  for (let i = 0; i < 148; i++) unsigned += block[i]!
  for (let i = 156; i < BLOCK; i++) unsigned += block[i]!
  if (stored === unsigned) return true
  let signed = 8 * 0x20
  for (let i = 0; i < BLOCK; i++) {
    if (i === 148) i = 156
    const byte = block[i]!
    signed += byte > 127 ? byte - 256 : byte
  }
  return stored === signed
}

/** 'ustar' for POSIX ustar's magic (`ustar\0`), else what the magic field holds. */
export function describeMagic(block: Buffer): string {
  const magic = block.toString('latin1', 257, 263)
  return magic === 'ustar\0' ? 'ustar' : JSON.stringify(magic)
}

/**
 * pax records as tarfile 3.11 parses them: `<length> <key>=` at each position, the value running to the
 * record's end less its newline; parsing stops quietly at the first position that does not match, and a
 * length of 0 makes the header invalid. `end` is how far the records reached.
 */
export function paxRecords(body: Buffer): { records: PaxRecords; end: number; invalid: boolean } {
  const records: PaxRecords = new Map()
  let at = 0
  let end = 0
  for (;;) {
    let digitsEnd = at
    while (digitsEnd < body.length && isDigit(body[digitsEnd])) digitsEnd++
    if (digitsEnd === at || body[digitsEnd] !== 0x20) break
    const equals = body.indexOf(0x3d, digitsEnd + 1)
    if (equals <= digitsEnd + 1) break
    const length = Number(body.toString('latin1', at, digitsEnd))
    if (length === 0) return { records, end, invalid: true }
    const valueEnd = Math.min(at + length - 1, body.length)
    const key = body.toString('utf8', digitsEnd + 1, equals)
    const value = valueEnd > equals + 1 ? body.toString('utf8', equals + 1, valueEnd) : ''
    records.set(key, value)
    at += length
    end = Math.max(end, at)
    if (!Number.isSafeInteger(at)) break
  }
  return { records, end, invalid: false }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39
}

/**
 * Python's int(text) on a pax value: undefined where it raises, 'unreadable' where the text holds
 * characters Python may read as digits or spaces that this does not (non-ASCII).
 */
export function pythonInt(text: string): number | undefined | 'unreadable' {
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(text)) return 'unreadable'
  const match = /^([+-]?)(\d(?:_?\d)*)$/.exec(text.replace(PYTHON_SPACE, ''))
  if (!match) return undefined
  const value = Number((match[2] ?? '').replaceAll('_', ''))
  return match[1] === '-' ? -value : value
}
