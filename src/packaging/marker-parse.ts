import type { Tokenizer } from './pep508-tokenizer.js'

/** The PEP 508 marker grammar, parsed as packaging parses it into its marker list. */

export type Operand = { variable: string } | { literal: string }
export interface Item {
  left: Operand
  operator: string
  right: Operand
}
/** packaging's marker list: items and nested lists joined by `and`/`or`, grouping kept as written. */
export type MarkerList = (Item | MarkerList | 'and' | 'or')[]

/** An operand's name or value. */
export const text = (o: Operand) => ('variable' in o ? o.variable : o.literal)

/** packaging's `canonicalize_name`, which (unlike names.ts) does not trim. */
export function canonicalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase()
}

// marker = marker_atom (BOOLOP marker_atom)*
export function parseMarkerList(tokenizer: Tokenizer): MarkerList {
  const list: MarkerList = [parseAtom(tokenizer)]
  while (tokenizer.check('BOOLOP')) {
    const joiner = tokenizer.read().text as 'and' | 'or'
    list.push(joiner, parseAtom(tokenizer))
  }
  return list
}

// marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?
function parseAtom(tokenizer: Tokenizer): Item | MarkerList {
  tokenizer.consume('WS')
  let atom: Item | MarkerList
  if (tokenizer.check('LEFT_PARENTHESIS', true)) {
    atom = tokenizer.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'marker expression', () => {
      tokenizer.consume('WS')
      const inner = parseMarkerList(tokenizer)
      tokenizer.consume('WS')
      return inner
    })
  } else atom = parseItem(tokenizer)
  tokenizer.consume('WS')
  return atom
}

// marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
function parseItem(tokenizer: Tokenizer): Item {
  tokenizer.consume('WS')
  const left = parseOperand(tokenizer)
  tokenizer.consume('WS')
  const operator = parseOperator(tokenizer)
  tokenizer.consume('WS')
  const right = parseOperand(tokenizer)
  tokenizer.consume('WS')
  return { left, operator, right }
}

/**
 * PEP 685: an extra's name is compared normalised, so the marker keeps it normalised. packaging does
 * so for the items at the top of the marker only: inside parentheses `extra == "Test_Extra"` is kept,
 * and never holds, since the environment's extra is normalised. pip reads it so; so does this.
 */
export function normalizeExtras(list: MarkerList): MarkerList {
  return list.map(entry =>
    typeof entry === 'object' && !Array.isArray(entry) ? normalizeExtra(entry) : entry
  )
}

function normalizeExtra(item: Item): Item {
  const { left, right } = item
  if ('variable' in left && left.variable === 'extra' && 'literal' in right)
    return { ...item, right: { literal: canonicalize(right.literal) } }
  if ('variable' in right && right.variable === 'extra' && 'literal' in left)
    return { ...item, left: { literal: canonicalize(left.literal) } }
  return item
}

function parseOperand(tokenizer: Tokenizer): Operand {
  if (tokenizer.check('VARIABLE')) {
    const name = tokenizer.read().text.replace('.', '_')
    // pip's legacy spellings: `os.name`, `platform.machine`, `python_implementation`.
    return {
      variable: name === 'python_implementation' ? 'platform_python_implementation' : name
    }
  }
  if (tokenizer.check('QUOTED_STRING')) {
    const token = tokenizer.read()
    return { literal: pythonString(token.text, tokenizer, token.position) }
  }
  return tokenizer.fail('Expected a marker variable or quoted string')
}

function parseOperator(tokenizer: Tokenizer): string {
  if (tokenizer.check('IN')) return (tokenizer.read(), 'in')
  if (tokenizer.check('NOT')) {
    tokenizer.read()
    tokenizer.expect('WS', "whitespace after 'not'")
    tokenizer.expect('IN', "'in' after 'not'")
    return 'not in'
  }
  if (tokenizer.check('OP')) return tokenizer.read().text
  return tokenizer.fail(
    'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in'
  )
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': ''
}

/**
 * A quoted string as Python's `ast.literal_eval` reads it (packaging does): backslash escapes decoded,
 * unknown ones kept, and what Python refuses (a bare newline, `\x` without two hex digits, a null
 * character, `\N{…}`, whose names this does not carry) is a syntax error.
 */
function pythonString(quoted: string, tokenizer: Tokenizer, at: number): string {
  const body = quoted.slice(1, -1)
  const refuse = (): never => tokenizer.fail('Invalid string literal', at, at + quoted.length)
  if (/[\n\r\0]/.test(body.replace(/\\(?:\r\n|[\n\r])/g, ''))) refuse()
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? ''
    if (char !== '\\') {
      out += char
      continue
    }
    let next = body[i + 1]
    if (next === undefined) refuse()
    next = next ?? ''
    if (next === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1
      continue
    }
    const simple = SIMPLE_ESCAPES[next]
    if (simple !== undefined) {
      out += simple
      i++
      continue
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))
    const hex = { x: 2, u: 4, U: 8 }[next]
    if (octal) {
      out += String.fromCodePoint(parseInt(octal[0], 8))
      i += octal[0].length
    } else if (hex !== undefined) {
      const digits = body.slice(i + 2, i + 2 + hex)
      const code = parseInt(digits, 16)
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex || code > 0x10ffff) refuse()
      out += String.fromCodePoint(code)
      i += 1 + hex
    } else if (next === 'N') refuse()
    else out += char
  }
  return out
}
