import type { Environment } from './marker-environments.js'
import { text, type Item, type MarkerList } from './marker-parse.js'
import { PY_SPACE, SPECIFIER_SOURCE } from './pep508-tokenizer.js'
import { SpecifierSet } from './specifiers.js'
import { Version } from './version.js'

/** A marker evaluated in an environment as `packaging.markers` evaluates it. */

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

export function evaluateList(list: MarkerList, environment: Environment): boolean {
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
export const MAX_CACHED = 50_000

function containsUncached(clause: string, version: string): boolean {
  const arbitrary = /^\s*===\s*(.*?)\s*$/s.exec(clause)
  if (arbitrary) return version.toLowerCase() === (arbitrary[1] ?? '').toLowerCase()
  if (!Version.parse(version)) return false
  return SpecifierSet.parse(clause)?.contains(version) ?? false
}
