import type { Requirement } from '../packaging/requirements.js'
import type { PackageMetadata } from '../read/package-metadata.js'

export type DependencyChangeKind =
  'added' | 'removed' | 'tightened' | 'loosened' | 'changed' | 'moved'

export interface DependencyChange {
  kind: DependencyChangeKind
  key: string
  before?: Requirement
  after?: Requirement
  /** For `changed`: what differs (specifier, extras, marker, URL). */
  detail?: string
  /** For `moved`: where the requirement was and is declared. */
  from?: string
  to?: string
}

/**
 * Pairs requirements by normalised project name (and marker, where a project is required more than once)
 * and compares each pair as sets of allowed versions, so `>=3.6.0` → `>=3.6` is no change and
 * `>=2.0` → `>=2.31,<3` is tightened, not removed and added.
 */
export function compareDependencies(
  previous: PackageMetadata,
  current: PackageMetadata
): DependencyChange[] {
  const changes: DependencyChange[] = []
  const keys = new Set([...previous.requirements, ...current.requirements].map(r => r.key))
  for (const key of [...keys].sort()) {
    const before = previous.requirements.filter(r => r.key === key)
    const after = current.requirements.filter(r => r.key === key)
    for (const [old, now] of pairByMarker(before, after)) {
      const change = comparePair(old, now)
      if (change) changes.push(change)
      else if (previous.requirementsSource !== current.requirementsSource && now) {
        changes.push({
          kind: 'moved',
          key,
          before: old,
          after: now,
          from: previous.requirementsSource,
          to: current.requirementsSource
        })
      }
    }
  }
  return changes
}

type Pair = [Requirement | undefined, Requirement | undefined]

/**
 * The same marker pairs first; then the same requirement under another marker (a split by Python
 * version folded into one line pairs with the line it kept); then what is left, in order.
 */
function pairByMarker(before: Requirement[], after: Requirement[]): Pair[] {
  const pairs: Pair[] = []
  const left = [...before]
  const right = [...after]
  const sameMarker = (a: Requirement, b: Requirement) => markerText(a) === markerText(b)
  const onlyMarkerDiffers = (a: Requirement, b: Requirement) =>
    otherDifferences(a, b) === 'environment marker changed' &&
    a.specifier.compare(b.specifier) === 'unchanged'
  for (const alike of [sameMarker, onlyMarkerDiffers]) {
    for (const old of [...left]) {
      const index = right.findIndex(now => alike(old, now))
      if (index < 0) continue
      pairs.push([old, right.splice(index, 1)[0]])
      left.splice(left.indexOf(old), 1)
    }
  }
  while (left.length && right.length) pairs.push([left.shift(), right.shift()])
  return [
    ...pairs,
    ...left.map((old): Pair => [old, undefined]),
    ...right.map((now): Pair => [undefined, now])
  ]
}

function comparePair(
  before: Requirement | undefined,
  after: Requirement | undefined
): DependencyChange | undefined {
  if (!before && after) return { kind: 'added', key: after.key, after }
  if (before && !after) return { kind: 'removed', key: before.key, before }
  if (!before || !after) return undefined
  const base = { key: after.key, before, after }
  const other = otherDifferences(before, after)
  if (other) return { ...base, kind: 'changed', detail: other }
  switch (before.specifier.compare(after.specifier)) {
    case 'unchanged':
      return undefined
    case 'narrowed':
      return { ...base, kind: 'tightened' }
    case 'widened':
      return { ...base, kind: 'loosened' }
    case 'shifted':
      return { ...base, kind: 'changed', detail: 'allowed versions moved' }
  }
}

function otherDifferences(before: Requirement, after: Requirement): string | undefined {
  if (before.url !== after.url) return 'URL changed'
  if (before.extras.join() !== after.extras.join()) return 'extras changed'
  if (markerText(before) !== markerText(after)) return 'environment marker changed'
  return undefined
}

const markerText = (requirement: Requirement) => requirement.marker?.key ?? ''
