import type { EnvironmentMarker } from 'pip-requirements-js'
import { normalizeName } from './names.js'
import { supportedPythons } from './python-versions.js'
import { SpecifierSet } from './specifiers.js'
import { Version } from './version.js'

/** The PEP 508 environment: marker variable → value. Unset variables read as ''. */
export type Environment = Readonly<Record<string, string>>

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'compare'; left: Operand; operator: string; right: Operand }
type Operand = { variable: string } | { literal: string }

const VERSION_OPERATORS = new Set(['~=', '===', '==', '!=', '<=', '>=', '<', '>'])

/**
 * A PEP 508 environment marker, modelled on `packaging.markers.Marker`: a canonical text (double quotes,
 * only the parentheses precedence needs) and evaluation against one environment or a set of them.
 */
export class Marker {
  private constructor(private readonly tree: Node) {}

  /** From the tree pip-requirements-js parses. */
  static fromTree(tree: EnvironmentMarker): Marker {
    return new Marker(toNode(tree))
  }

  toString(): string {
    return print(this.tree)
  }

  equals(other: Marker | undefined): boolean {
    return other !== undefined && this.toString() === other.toString()
  }

  /** The extras the marker names (`extra == "dev"`), normalised. */
  get extras(): string[] {
    const found = new Set<string>()
    const visit = (node: Node): void => {
      if (node.kind !== 'compare') return void (visit(node.left), visit(node.right))
      const [variable, literal] =
        'variable' in node.left ? [node.left, node.right] : [node.right, node.left]
      if ('variable' in variable && variable.variable === 'extra' && 'literal' in literal)
        found.add(normalizeName(literal.literal))
    }
    visit(this.tree)
    return [...found].sort()
  }

  evaluate(environment: Environment): boolean {
    return evaluate(this.tree, environment)
  }

  /** The environments in which the marker holds. */
  holdsIn(environments: readonly Environment[]): Environment[] {
    return environments.filter(environment => this.evaluate(environment))
  }
}

function toNode(tree: EnvironmentMarker): Node {
  if ('left' in tree && typeof tree.left === 'object') {
    const node = tree as {
      operator: 'and' | 'or'
      left: EnvironmentMarker
      right: EnvironmentMarker
    }
    return { kind: node.operator, left: toNode(node.left), right: toNode(node.right) }
  }
  const leaf = tree as { left: string; operator: string; right: string }
  return {
    kind: 'compare',
    left: operand(leaf.left),
    operator: leaf.operator.replace(/\s+/g, ' '),
    right: operand(leaf.right)
  }
}

function operand(text: string): Operand {
  const quoted = /^(['"])(.*)\1$/s.exec(text)
  return quoted ? { literal: quoted[2] ?? '' } : { variable: text }
}

function print(node: Node, parent?: 'and' | 'or'): string {
  if (node.kind === 'compare')
    return `${printOperand(node.left)} ${node.operator} ${printOperand(node.right)}`
  const text = `${print(node.left, node.kind)} ${node.kind} ${print(node.right, node.kind)}`
  return parent === 'and' && node.kind === 'or' ? `(${text})` : text
}

function printOperand(operand: Operand): string {
  return 'literal' in operand ? JSON.stringify(operand.literal) : operand.variable
}

function evaluate(node: Node, environment: Environment): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, environment) && evaluate(node.right, environment)
    case 'or':
      return evaluate(node.left, environment) || evaluate(node.right, environment)
    case 'compare': {
      const extra = [node.left, node.right].some(o => 'variable' in o && o.variable === 'extra')
      const value = (o: Operand) => {
        const text = 'literal' in o ? o.literal : (environment[o.variable] ?? '')
        return extra ? normalizeName(text) : text
      }
      return compare(value(node.left), node.operator, value(node.right))
    }
  }
}

/** PEP 508: a version comparison when the right side is a valid specifier, else Python string operators. */
function compare(left: string, operator: string, right: string): boolean {
  if (operator === 'in') return right.includes(left)
  if (operator === 'not in') return !right.includes(left)
  if (VERSION_OPERATORS.has(operator)) {
    const specifier = SpecifierSet.parse(`${operator}${right}`)
    if (specifier && Version.parse(left)) return specifier.contains(left)
  }
  switch (operator) {
    case '==':
    case '===':
      return left === right
    case '!=':
      return left !== right
    case '<':
      return left < right
    case '<=':
      return left <= right
    case '>':
      return left > right
    case '>=':
      return left >= right
    default:
      return false
  }
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
/** The newest minor assumed to exist when Requires-Python has no upper end. */
const NEWEST_PYTHON_3_MINOR = 15

/**
 * Representative environments for the Pythons a Requires-Python allows: the first and a late patch
 * release of every minor it reaches, on each common platform and implementation, with the given extras.
 */
export function environmentsFor(
  requiresPython: SpecifierSet,
  extras: string[] = []
): Environment[] {
  const pythons = new Set<string>()
  for (const range of supportedPythons(requiresPython)) {
    const [major, minor, patch] = range.from
    const last = range.to ?? [3, NEWEST_PYTHON_3_MINOR + 1, 0]
    for (let m = minor, M = major; M < last[0] || (M === last[0] && m <= last[1]);) {
      const low = M === major && m === minor ? patch : 0
      for (const p of [low, 99]) {
        const candidate = `${M}.${m}.${p}`
        if (requiresPython.contains(candidate)) pythons.add(candidate)
      }
      m++
      if (M === 2 && m > 7) [M, m] = [3, 0]
    }
  }
  return [...pythons].flatMap(full =>
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
