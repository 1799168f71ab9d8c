import { PY_SPACE, SPECIFIER_SOURCE, Tokenizer, Pep508SyntaxError } from './pep508-tokenizer.js'
import { supportedPythons } from './python-versions.js'
import { SpecifierSet } from './specifiers.js'
import { compareVersions, Version } from './version.js'

/** The PEP 508 environment: marker variable → value. Unset variables read as ''. */
export type Environment = Readonly<Record<string, string>>

type Operand = { variable: string } | { literal: string }
interface Item {
  left: Operand
  operator: string
  right: Operand
}
/** packaging's marker list: items and nested lists joined by `and`/`or`, grouping kept as written. */
type MarkerList = (Item | MarkerList | 'and' | 'or')[]

/** The marker names `packaging.markers.default_environment` sets; `extra` too, in metadata. */
const ENVIRONMENT_NAMES = new Set([
  'implementation_name',
  'implementation_version',
  'os_name',
  'platform_machine',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_full_version',
  'platform_python_implementation',
  'python_version',
  'sys_platform',
  'extra'
])
const VERSION_NAMES = new Set([
  'implementation_version',
  'platform_release',
  'python_full_version',
  'python_version'
])
const SPECIFIER = new RegExp(`^${PY_SPACE}*${SPECIFIER_SOURCE}${PY_SPACE}*$`, 'i')

/** Evaluating a marker failed as it does in packaging (`UndefinedComparison`, an unknown name). */
export class MarkerEvaluationError extends Error {}

/**
 * A PEP 508 environment marker, modelled on `packaging.markers.Marker`: its text is packaging's
 * `str(Marker)` (double quotes, the parentheses as written, extras normalised), and it evaluates as
 * packaging does in the metadata context.
 */
export class Marker {
  private constructor(private readonly markers: MarkerList) {}

  /** Parses a marker expression; throws `Pep508SyntaxError` as packaging raises `InvalidMarker`. */
  static parse(text: string): Marker {
    const tokenizer = new Tokenizer(text)
    const markers = parseMarkerList(tokenizer)
    tokenizer.expect('END', 'end of marker expression')
    return new Marker(normalizeExtras(markers))
  }

  /** The marker after a requirement's `;`, read by the requirement parser. */
  static read(tokenizer: Tokenizer): Marker {
    return new Marker(normalizeExtras(parseMarkerList(tokenizer)))
  }

  toString(): string {
    return format(this.markers, true)
  }

  /** The marker without the parentheses its meaning does not need: equal keys, the same marker. */
  get key(): string {
    return canonical(this.markers)
  }

  equals(other: Marker | undefined): boolean {
    return other !== undefined && this.key === other.key
  }

  /** The extras the marker names (`extra == "dev"`), normalised. */
  get extras(): string[] {
    const found = new Set<string>()
    const visit = (list: MarkerList): void => {
      for (const entry of list) {
        if (Array.isArray(entry)) visit(entry)
        else if (typeof entry === 'object') {
          const literal = extraLiteral(entry)
          if (literal !== undefined) found.add(literal)
        }
      }
    }
    visit(this.markers)
    return [...found].sort()
  }

  /** packaging's `Marker.evaluate`; throws `MarkerEvaluationError` where it raises. */
  evaluateStrictly(environment: Environment): boolean {
    const extra = environment['extra'] ?? ''
    const full = environment['python_full_version']
    const repair = canonicalize(extra) !== extra || full?.endsWith('+')
    const repaired = repair
      ? {
          ...environment,
          extra: canonicalize(extra),
          ...(full?.endsWith('+') && { python_full_version: `${full}local` })
        }
      : environment
    return evaluateList(this.markers, repaired)
  }

  /**
   * Whether the marker holds; a comparison packaging cannot make does not hold. Memoised by the values
   * of the names the marker reads: the judge asks it of every environment, which differ elsewhere.
   */
  evaluate(environment: Environment): boolean {
    const key = this.names.map(name => environment[name] ?? '').join('\0')
    let answer = this.answers.get(key)
    if (answer === undefined) {
      if (this.answers.size >= MAX_CACHED) this.answers.clear()
      answer = this.evaluateOnce(environment)
      this.answers.set(key, answer)
    }
    return answer
  }

  private readonly answers = new Map<string, boolean>()

  /** The environment names evaluation reads, as packaging picks them (see `evaluateItem`). */
  private get names(): string[] {
    if (this.readNames) return this.readNames
    const names = new Set<string>()
    const visit = (list: MarkerList): void => {
      for (const entry of list)
        if (Array.isArray(entry)) visit(entry)
        else if (typeof entry === 'object')
          names.add('variable' in entry.left ? entry.left.variable : text(entry.right))
    }
    visit(this.markers)
    return (this.readNames = [...names].sort())
  }

  private readNames: string[] | undefined

  private evaluateOnce(environment: Environment): boolean {
    try {
      return this.evaluateStrictly(environment)
    } catch (error) {
      if (error instanceof MarkerEvaluationError) return false
      throw error
    }
  }

  /** The environments in which the marker holds. */
  holdsIn(environments: readonly Environment[]): Environment[] {
    return environments.filter(environment => this.evaluate(environment))
  }
}

export { Pep508SyntaxError }

/** packaging's `canonicalize_name`, which (unlike names.ts) does not trim. */
function canonicalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase()
}

function extraLiteral(item: Item): string | undefined {
  if ('variable' in item.left && item.left.variable === 'extra' && 'literal' in item.right)
    return item.right.literal
  if ('variable' in item.right && item.right.variable === 'extra' && 'literal' in item.left)
    return item.left.literal
  return undefined
}

// marker = marker_atom (BOOLOP marker_atom)*
function parseMarkerList(tokenizer: Tokenizer): MarkerList {
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
function normalizeExtras(list: MarkerList): MarkerList {
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

function format(list: MarkerList | Item, top: boolean): string {
  if (!Array.isArray(list)) {
    const side = (o: Operand) => ('variable' in o ? o.variable : `"${o.literal}"`)
    return `${side(list.left)} ${list.operator} ${side(list.right)}`
  }
  const [only] = list
  if (list.length === 1 && typeof only === 'object') return format(only, true)
  const inner = list.map(entry => (typeof entry === 'string' ? entry : format(entry, false)))
  return top ? inner.join(' ') : `(${inner.join(' ')})`
}

function canonical(list: MarkerList): string {
  const groups: (Item | MarkerList)[][] = [[]]
  for (const entry of list) {
    if (entry === 'or') groups.push([])
    else if (entry !== 'and') groups[groups.length - 1]?.push(entry)
  }
  const atom = (entry: Item | MarkerList, alone: boolean): string => {
    if (!Array.isArray(entry)) return format(entry, true)
    const [only] = entry
    if (entry.length === 1 && typeof only === 'object') return atom(only, alone)
    const text = canonical(entry)
    return alone || !entry.includes('or') ? text : `(${text})`
  }
  return groups.map(group => group.map(e => atom(e, group.length === 1)).join(' and ')).join(' or ')
}

function evaluateList(list: MarkerList, environment: Environment): boolean {
  // Every item is evaluated, as packaging does, so that an error anywhere is an error.
  const groups: boolean[][] = [[]]
  for (const entry of list) {
    if (entry === 'or') groups.push([])
    else if (entry !== 'and')
      groups[groups.length - 1]?.push(
        Array.isArray(entry) ? evaluateList(entry, environment) : evaluateItem(entry, environment)
      )
  }
  return groups.some(group => group.every(Boolean))
}

function lookup(environment: Environment, name: string): string {
  const value = environment[name]
  if (value !== undefined) return value
  if (ENVIRONMENT_NAMES.has(name)) return ''
  throw new MarkerEvaluationError(`"${name}" is not in the environment`)
}

const text = (o: Operand) => ('variable' in o ? o.variable : o.literal)

function evaluateItem(item: Item, environment: Environment): boolean {
  const [name, left, right] =
    'variable' in item.left
      ? [item.left.variable, lookup(environment, item.left.variable), text(item.right)]
      : [text(item.right), item.left.literal, lookup(environment, text(item.right))]
  return compare(left, item.operator, right, name)
}

/** packaging's `_eval_op`: version names compare as versions when the right side makes a specifier. */
function compare(left: string, operator: string, right: string, name: string): boolean {
  const clause = `${operator}${right}`
  if (VERSION_NAMES.has(name) && SPECIFIER.test(clause)) return specifierContains(clause, left)
  switch (operator) {
    case 'in':
      return right.includes(left)
    case 'not in':
      return !right.includes(left)
    case '==':
    case '<=':
    case '>=':
      return left === right
    case '!=':
      return left !== right
    case '<':
    case '>':
      return false
    default:
      throw new MarkerEvaluationError(`Undefined ${operator} on "${left}" and "${right}"`)
  }
}

/**
 * Whether a clause holds for a version, memoised: a marker is evaluated in every environment, and the
 * environments share a few Python versions.
 */
function specifierContains(clause: string, version: string): boolean {
  const key = `${clause}\0${version}`
  let answer = memo.get(key)
  if (answer === undefined) {
    if (memo.size >= MAX_CACHED) memo.clear()
    answer = containsUncached(clause, version)
    memo.set(key, answer)
  }
  return answer
}

const memo = new Map<string, boolean>()
const MAX_CACHED = 50_000

function containsUncached(clause: string, version: string): boolean {
  const arbitrary = /^\s*===\s*(.*?)\s*$/s.exec(clause)
  if (arbitrary) return version.toLowerCase() === (arbitrary[1] ?? '').toLowerCase()
  if (!Version.parse(version)) return false
  return SpecifierSet.parse(clause)?.contains(version) ?? false
}

/** Platforms a marker is most often about; enough to tell "always", "sometimes" and "never" apart. */
const PLATFORMS: Environment[] = [
  { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64' },
  {
    sys_platform: 'darwin',
    platform_system: 'Darwin',
    os_name: 'posix',
    platform_machine: 'arm64'
  },
  { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', platform_machine: 'AMD64' }
]
const IMPLEMENTATIONS: Environment[] = [
  { implementation_name: 'cpython', platform_python_implementation: 'CPython' },
  { implementation_name: 'pypy', platform_python_implementation: 'PyPy' }
]

/**
 * Representative environments for the Pythons a Requires-Python allows (see `representativePythons`),
 * on each common platform and implementation, with the given extras.
 */
export function environmentsFor(
  requiresPython: SpecifierSet,
  extras: string[] = []
): Environment[] {
  return representativePythons(requiresPython).flatMap(full =>
    PLATFORMS.flatMap(platform =>
      IMPLEMENTATIONS.flatMap(implementation =>
        ['', ...extras].map(extra => ({
          ...platform,
          ...implementation,
          python_full_version: full,
          python_version: full.split('.').slice(0, 2).join('.'),
          implementation_version: full,
          extra
        }))
      )
    )
  )
}

/** The newest minor assumed to exist; later ones (and Python 4) stand in for every Python after it. */
const NEWEST_PYTHON_3_MINOR = 15

/**
 * The Pythons that stand for a Requires-Python: the first and a late patch release of every minor
 * from 2.0 to the newest, one past it, and the first and last Python of each range it allows. A fixed
 * list plus two per range, so the count does not grow with the bound (`<4.0` or `<100`).
 */
export function representativePythons(requiresPython: SpecifierSet): string[] {
  const candidates: string[] = []
  for (let minor = 0; minor <= 7; minor++) candidates.push(`2.${minor}.0`, `2.${minor}.99`)
  for (let minor = 0; minor <= NEWEST_PYTHON_3_MINOR + 1; minor++)
    candidates.push(`3.${minor}.0`, `3.${minor}.99`)
  for (const { from, to } of supportedPythons(requiresPython)) {
    candidates.push(from.join('.'))
    // Past the newest minor, the grid's last Python already stands for the range's end.
    if (to && (compareVersions(to.join('.'), `3.${NEWEST_PYTHON_3_MINOR + 1}.99`) ?? 1) <= 0)
      candidates.push(lastBefore(to))
  }
  const allowed = candidates.filter(python => requiresPython.contains(python))
  return [...new Set(allowed)].sort((a, b) => compareVersions(a, b) ?? 0)
}

/** The last Python below `to` that stands for it: `3.8.4` below 3.8.5, `3.99` below 4.0. */
function lastBefore([major, minor, patch]: readonly [number, number, number]): string {
  if (patch > 0) return `${major}.${minor}.${patch - 1}`
  if (minor > 0) return `${major}.${minor - 1}.99`
  return major === 3 ? '2.7.99' : `${major - 1}.99.99`
}
