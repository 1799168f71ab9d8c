/**
 * The PEP 508 tokenizer, modelled on `packaging._tokenizer`: context-sensitive, the parser asks for the
 * token it expects next. Written here because no npm package parses PEP 508 the way pip does (see
 * requirements.ts). The patterns follow Python's `re` on `str`: `\b` and `\s` are Unicode-aware there,
 * so they are spelled out below rather than left to JavaScript's ASCII `\b`.
 */

/** Python's `\w` on `str`: letters, numbers, underscore. */
const WORD = String.raw`[\p{L}\p{N}_]`
const EDGE = String.raw`(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`
/** Python's `\s` on `str` (it has U+001C–U+001F, JavaScript's has U+FEFF). */
export const PY_SPACE = String.raw`[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`

const PRE = String.raw`(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`
const POST = String.raw`(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`
const DEV = String.raw`(?:[-_.]?dev[-_.]?[0-9]*)?`
const LOCAL = String.raw`(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`
const S = `${PY_SPACE}*`
/** One version clause, as `packaging.specifiers.Specifier` accepts it (its parts are ASCII-only). */
export const SPECIFIER_SOURCE =
  `(?:(?:===${S}[^\\s;)]*)` +
  `|(?:(?:==|!=)${S}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL}))` +
  `|(?:~=${S}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV})` +
  `|(?:(?:<=|>=|<|>)${S}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*${PRE}${POST}${DEV}))`

/** `===`'s arbitrary text stops at Python's whitespace, not JavaScript's. */
const specifierSource = SPECIFIER_SOURCE.replace('[^\\s;)]', `[^${PY_SPACE.slice(1, -1)};)]`)

const VARIABLES = [
  'python_version',
  'python_full_version',
  'os[._]name',
  'sys[._]platform',
  'platform_(?:release|system)',
  'platform[._](?:version|machine|python_implementation)',
  'python_implementation',
  'implementation_(?:name|version)',
  'extras?',
  'dependency_groups'
]

const RULES = {
  LEFT_PARENTHESIS: /\(/y,
  RIGHT_PARENTHESIS: /\)/y,
  LEFT_BRACKET: /\[/y,
  RIGHT_BRACKET: /\]/y,
  SEMICOLON: /;/y,
  COMMA: /,/y,
  QUOTED_STRING: /'[^']*'|"[^"]*"/y,
  OP: /===|==|~=|!=|<=|>=|<|>/y,
  BOOLOP: new RegExp(`${EDGE}(?:or|and)${EDGE}`, 'yu'),
  IN: new RegExp(`${EDGE}in${EDGE}`, 'yu'),
  NOT: new RegExp(`${EDGE}not${EDGE}`, 'yu'),
  VARIABLE: new RegExp(`${EDGE}(?:${VARIABLES.join('|')})${EDGE}`, 'yu'),
  // Case-insensitive as in packaging; without the `u` flag, `i` folds ASCII letters only, like `(?a:)`.
  SPECIFIER: new RegExp(specifierSource, 'yi'),
  AT: /@/y,
  URL: /[^ \t]+/y,
  IDENTIFIER: new RegExp(`${EDGE}[a-zA-Z0-9][a-zA-Z0-9._-]*${EDGE}`, 'yu'),
  VERSION_PREFIX_TRAIL: /\.\*/y,
  VERSION_LOCAL_LABEL_TRAIL: /\+[a-z0-9]+(?:[-_.][a-z0-9]+)*/y,
  WS: /[ \t]+/y,
  // Python's `$`: the end, or before a newline that ends the text.
  END: /(?=\n?$)/y
} as const

export type TokenName = keyof typeof RULES

export interface Token {
  name: TokenName
  text: string
  position: number
}

/** A PEP 508 syntax error, worded and placed as packaging's `ParserSyntaxError`. */
export class Pep508SyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly source: string,
    readonly span: readonly [number, number]
  ) {
    const pointer = ' '.repeat(span[0]) + '~'.repeat(Math.max(0, span[1] - span[0])) + '^'
    super(`${reason}\n    ${source}\n    ${pointer}`)
  }
}

export class Tokenizer {
  position = 0
  private next: Token | undefined

  constructor(readonly source: string) {}

  /** Whether the next token is `name`; unless peeking, it must then be read. */
  check(name: TokenName, peek = false): boolean {
    const rule = RULES[name]
    rule.lastIndex = this.position
    const match = rule.exec(this.source)
    if (!match) return false
    if (!peek) this.next = { name, text: match[0], position: this.position }
    return true
  }

  consume(name: TokenName): void {
    if (this.check(name)) this.read()
  }

  expect(name: TokenName, expected: string): Token {
    if (!this.check(name)) this.fail(`Expected ${expected}`)
    return this.read()
  }

  read(): Token {
    const token = this.next
    if (!token) throw new Error('read() without a checked token')
    this.position += token.text.length
    this.next = undefined
    return token
  }

  fail(reason: string, start = this.position, end = this.position): never {
    throw new Pep508SyntaxError(reason, this.source, [start, end])
  }

  /** Runs `inner` inside an optional pair of tokens: `(` … `)`, `[` … `]`. */
  enclosed<T>(open: TokenName, close: TokenName, around: string, inner: () => T): T {
    const opened = this.check(open) ? this.position : undefined
    if (opened !== undefined) this.read()
    const result = inner()
    if (opened === undefined) return result
    if (!this.check(close))
      this.fail(`Expected matching ${close} for ${open}, after ${around}`, opened)
    this.read()
    return result
  }
}
