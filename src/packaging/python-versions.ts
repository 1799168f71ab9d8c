import type { SpecifierSet } from './specifiers.js'
import { compareKeys, type Cut, type VersionSet } from './version-set.js'

/**
 * Requires-Python over the Pythons that exist: 2.0 to 2.7 and 3.0 onward, at patch level, no upper cap,
 * summarised by minor for people ("Python 3.13 and later", "Python 2.7, 3.0–3.5", "Python 3.8.0").
 */
export type Python = readonly [major: number, minor: number, patch: number]

/** Pythons from `from` up to, not including, `to`; no `to`: no end. */
export interface PythonRange {
  from: Python
  to?: Python
}

/** Python 2 stopped at 2.7: 2.8 and later 2.x do not exist. */
const LAST_PYTHON_2_MINOR = 7
/** The first Python 4; nothing is known of it, so losing only Python 4 and later is not a real loss yet. */
const FIRST_FUTURE_MAJOR = 4

const comparePythons = (a: Python, b: Python) => compareKeys(a, b)

/** The first Python above a cut of the version line; undefined past every Python (a later epoch). */
function firstPythonAbove(cut: Cut): Python | undefined {
  const [epoch = 0, major = 0, minor = 0, patch = 0, ...rest] = cut.key
  if (epoch > 0) return undefined
  const past = cut.side === 'above' || rest.some(n => n > 0)
  return real([major, minor, past ? patch + 1 : patch])
}

/** Versions that no Python has (1.x, 2.8 to 2.x) move up to the next one that exists. */
function real(python: Python): Python {
  const [major] = python
  if (major < 2) return [2, 0, 0]
  if (major === 2 && python[1] > LAST_PYTHON_2_MINOR) return [3, 0, 0]
  return python
}

/** The Pythons in a set of versions, as ranges. */
export function pythonRanges(set: VersionSet): PythonRange[] {
  const ranges: PythonRange[] = []
  for (const { lower, upper } of set.intervals) {
    const from = firstPythonAbove(lower)
    if (!from) continue
    const to = upper ? firstPythonAbove(upper) : undefined
    if (to && comparePythons(from, to) >= 0) continue
    const last = ranges[ranges.length - 1]
    if (last?.to && comparePythons(last.to, from) === 0) {
      ranges[ranges.length - 1] = to ? { from: last.from, to } : { from: last.from }
    } else ranges.push(to ? { from, to } : { from })
  }
  return ranges
}

export function supportedPythons(requiresPython: SpecifierSet): PythonRange[] {
  return pythonRanges(requiresPython.allowed)
}

/** What one change of Requires-Python means for users, in words; undefined parts did not change. */
export interface PythonChange {
  lost?: string
  gained?: string
  /** Only Pythons that do not exist yet (4.0 and later) were lost. */
  lostOnlyFuture: boolean
}

export function comparePythonSupport(before: SpecifierSet, after: SpecifierSet): PythonChange {
  const lost = pythonRanges(before.difference(after))
  const gained = pythonRanges(after.difference(before))
  const note = stillSupportedNote(lost, pythonRanges(after.allowed))
  return {
    ...(lost.length && { lost: sentence(lost, 'no longer supported') + note }),
    ...(gained.length && { gained: sentence(gained, 'newly supported') }),
    lostOnlyFuture: lost.length > 0 && lost.every(r => r.from[0] >= FIRST_FUTURE_MAJOR)
  }
}

/** "Python 3.11 is no longer supported", "Python 2.7, 3.0–3.5 are no longer supported". */
export function sentence(ranges: PythonRange[], what: string): string {
  const phrases = ranges.flatMap(describeRange)
  const one = phrases.length === 1 && !/–|,| and later/.test(phrases[0] ?? '')
  return `Python ${phrases.join(', ')} ${one ? 'is' : 'are'} ${what}`
}

/** A range in words, split where a major version ends. */
export function describeRange(range: PythonRange): string[] {
  const [major, minor, patch] = range.from
  const { to } = range
  if (!to) return [`${version(major, minor, patch || undefined)} and later`]
  const endOfMajor: Python = major === 2 ? [3, 0, 0] : [major + 1, 0, 0]
  if (comparePythons(to, endOfMajor) > 0)
    return [
      ...describeRange({ from: range.from, to: endOfMajor }),
      ...describeRange({ from: endOfMajor, to })
    ]
  if (comparePythons(to, endOfMajor) === 0 && major >= 3) {
    if (minor === 0 && patch === 0) return [`${major}`]
    return [`${version(major, minor, patch || undefined)} and later ${major}.x releases`]
  }
  return describeWithinMajor(range.from, to)
}

function describeWithinMajor(from: Python, to: Python): string[] {
  const [major, firstMinor, firstPatch] = from
  const lastMinor = to[0] > major ? LAST_PYTHON_2_MINOR : to[1]
  const phrases: string[] = []
  let minor = firstMinor
  if (firstPatch > 0) {
    const sameMinor = to[0] === major && to[1] === firstMinor
    phrases.push(patches(major, firstMinor, firstPatch, sameMinor ? to[2] : undefined))
    minor++
  }
  const tailPatches = to[0] === major ? to[2] : 0
  const lastFull = tailPatches > 0 || to[0] === major ? lastMinor - 1 : lastMinor
  if (lastFull >= minor) phrases.push(minors(major, minor, lastFull))
  if (tailPatches > 0 && !(firstPatch > 0 && to[1] === firstMinor))
    phrases.push(patches(major, to[1], 0, tailPatches))
  return phrases
}

function minors(major: number, first: number, last: number): string {
  if (major === 2 && first === 0 && last === LAST_PYTHON_2_MINOR) return '2'
  if (first === last) return `${major}.${first}`
  return last === first + 1
    ? `${major}.${first}, ${major}.${last}`
    : `${major}.${first}–${major}.${last}`
}

/** Patch releases `first` up to, not including, `end`; no end: the rest of the minor. */
function patches(major: number, minor: number, first: number, end?: number): string {
  if (end === undefined)
    return `${version(major, minor, first)} and later ${major}.${minor} releases`
  return end - first === 1
    ? version(major, minor, first)
    : `${version(major, minor, first)}–${version(major, minor, end - 1)}`
}

function version(major: number, minor: number, patch?: number): string {
  return patch === undefined ? `${major}.${minor}` : `${major}.${minor}.${patch}`
}

/** "(3.8.1 and later still are)" when one minor lost some of its patch releases and kept others. */
function stillSupportedNote(lost: PythonRange[], supported: PythonRange[]): string {
  const partial = new Set<string>()
  for (const { from, to } of lost) {
    if (from[2] > 0) partial.add(`${from[0]}.${from[1]}`)
    if (to && to[2] > 0) partial.add(`${to[0]}.${to[1]}`)
  }
  if (partial.size !== 1) return ''
  const [major, minor] = [...partial][0]?.split('.').map(Number) ?? []
  if (major === undefined || minor === undefined) return ''
  const kept = supported.flatMap(range => clipToMinor(range, major, minor))
  if (!kept.length) return ''
  const phrases = kept.map(({ from, to }) =>
    to ? patches(major, minor, from[2], to[2]) : `${version(major, minor, from[2])} and later`
  )
  return ` (${phrases.join(', ')} still ${phrases.length === 1 && !/–| and later/.test(phrases[0] ?? '') ? 'is' : 'are'})`
}

/** The part of a range inside one minor; `to` undefined when it runs to the minor's end or beyond. */
function clipToMinor(range: PythonRange, major: number, minor: number): PythonRange[] {
  const start: Python = [major, minor, 0]
  const end: Python = [major, minor + 1, 0]
  const from = comparePythons(range.from, start) > 0 ? range.from : start
  const to = range.to && comparePythons(range.to, end) < 0 ? range.to : undefined
  if (comparePythons(from, end) >= 0 || (to && comparePythons(from, to) >= 0)) return []
  return [to ? { from, to } : { from }]
}
