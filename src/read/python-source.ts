/** A Python file's source encoding as Python finds it (PEP 263), when it is not UTF-8, ASCII or Latin-1. */
export interface DeclaredEncoding {
  /** The name as the cookie spells it, e.g. `utf-7`. */
  name: string
  /** The line of the cookie, 1 or 2. */
  line: number
}

/** CPython's cookie pattern (Lib/tokenize.py), matched against a line of ASCII bytes. */
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/
/** A line that lets the cookie be on the next one: blank or a comment. */
const BLANK = /^[ \t\f]*(?:[#\r\n]|$)/

/** Python's names (encodings.aliases, after normalisation) for the encodings a reviewer reads as text. */
const PLAIN = new Set(
  (
    'utf_8 utf8 u8 utf cp65001 utf8_ucs2 utf8_ucs4 ascii us_ascii 646 ansi_x3.4_1968 ansi_x3_4_1968 ' +
    'ansi_x3.4_1986 cp367 csascii ibm367 iso646_us iso_646.irv_1991 iso_ir_6 us latin_1 latin1 latin ' +
    'l1 iso8859_1 iso_8859_1 8859 cp819 iso_ir_100 csisolatin1 ibm819 iso_8859_1_1987 iso_latin_1'
  ).split(' ')
)
/** The tokenizer's own shortcuts: `utf-8-…`, `latin-1-…`, `iso-8859-1-…`, `iso-latin-1-…`. */
const PLAIN_PREFIX = /^(?:utf_8|latin_1|iso_8859_1|iso_latin_1)_/
const UTF7 = new Set(['utf_7', 'utf7', 'u7', 'unicode_1_1_utf_7', 'csunicode11utf7'])

/** Lower case, runs of anything but letters, digits and dots as one `_` (encodings.normalize_encoding). */
function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_|_$/g, '')
}

/** The coding cookie on line 1 or 2, as `tokenize.detect_encoding` reads it; a UTF-8 BOM means UTF-8. */
function cookie(bytes: Uint8Array): DeclaredEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined
  let from = 0
  for (let line = 1; line <= 2; line++) {
    const end = bytes.indexOf(0x0a, from)
    const text = Buffer.from(bytes.subarray(from, end < 0 ? bytes.length : end + 1)).toString(
      'latin1'
    )
    const name = COOKIE.exec(text)?.[1]
    if (name) return { name, line }
    if (end < 0 || !BLANK.test(text)) return undefined
    from = end + 1
  }
  return undefined
}

/** The cookie when it names an encoding other than UTF-8, ASCII or Latin-1 (and their aliases). */
export function declaredEncoding(bytes: Uint8Array): DeclaredEncoding | undefined {
  const found = cookie(bytes)
  if (!found) return undefined
  const name = normalise(found.name)
  return PLAIN.has(name) || PLAIN_PREFIX.test(name) ? undefined : found
}

/**
 * A `.py` file's text as Python decodes it when its PEP 263 cookie names another encoding (UTF-7 by
 * hand: TextDecoder has no UTF-7; anything else by TextDecoder, which knows most of Python's codecs);
 * undefined when it is read as every other file is, or TextDecoder knows no such encoding.
 */
export function decodePython(
  bytes: Uint8Array,
  declared = declaredEncoding(bytes)
): string | undefined {
  if (!declared) return undefined
  const name = normalise(declared.name)
  if (UTF7.has(name)) return decodeUtf7(bytes)
  for (const label of [name, name.replace(/_/g, '-')]) {
    try {
      return new TextDecoder(label).decode(bytes)
    } catch {
      // Not a label TextDecoder knows: try the next spelling.
    }
  }
  return undefined
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * UTF-7 (RFC 2152), as Python's codec reads it: `+` opens a run of modified base64 holding UTF-16
 * code units, ended by any other character (a `-` that ends it is dropped); `+-` is `+`. Bytes
 * outside ASCII are taken as they are, where Python would stop with an error.
 */
export function decodeUtf7(bytes: Uint8Array): string {
  const out: string[] = []
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0
    if (byte !== 0x2b) {
      out.push(String.fromCharCode(byte))
      i++
      continue
    }
    i++
    if (bytes[i] === 0x2d) {
      out.push('+')
      i++
      continue
    }
    let bits = 0
    let value = 0
    for (; i < bytes.length; i++) {
      const digit = BASE64.indexOf(String.fromCharCode(bytes[i] ?? 0))
      if (digit < 0) break
      value = ((value << 6) | digit) & 0xffffff
      bits += 6
      if (bits >= 16) {
        bits -= 16
        out.push(String.fromCharCode((value >> bits) & 0xffff))
      }
    }
    if (bytes[i] === 0x2d) i++
  }
  return out.join('')
}
