import type { Environment } from './marker-environments.js'
import { evaluateList, MarkerEvaluationError, MAX_CACHED } from './marker-evaluate.js'
import {
  canonicalize,
  normalizeExtras,
  parseMarkerList,
  text,
  type Item,
  type MarkerList,
  type Operand
} from './marker-parse.js'
import { Pep508SyntaxError, Tokenizer } from './pep508-tokenizer.js'

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

function extraLiteral(item: Item): string | undefined {
  if ('variable' in item.left && item.left.variable === 'extra' && 'literal' in item.right)
    return item.right.literal
  if ('variable' in item.right && item.right.variable === 'extra' && 'literal' in item.left)
    return item.left.literal
  return undefined
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
