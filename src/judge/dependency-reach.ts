import type { DependencyChange } from '../compare/dependencies.js'
import { environmentsFor, type Environment } from '../packaging/marker-environments.js'
import type { Requirement } from '../packaging/requirements.js'
import { SpecifierSet } from '../packaging/specifiers.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Severity } from './severity.js'

/** What a dependency change means for the installs the new release supports. */
export interface Reach {
  /** Reached only through extras (`pip install pkg[dev]`), so one level less severe. */
  extraOnly: boolean
  /** The requirement's marker can no longer hold for any supported Python. */
  dead: boolean
  /** Every supported environment resolves the project to the same versions as before. */
  noEffectiveChange: boolean
}

const LOWER: Record<Severity, Severity> = {
  high: 'medium',
  medium: 'low',
  low: 'info',
  info: 'info'
}

export function lowered(severity: Severity, reach: Reach): Severity {
  if (reach.dead || reach.noEffectiveChange) return 'info'
  return reach.extraOnly ? LOWER[severity] : severity
}

const extrasOf = (r: Requirement | undefined) => r?.marker?.extras ?? []

/**
 * The Pythons the new release supports, with every extra either release declares or a marker names:
 * computed once per comparison, and every dependency change is judged over it.
 */
export function supportedEnvironments(metadata: {
  previous: PackageMetadata
  current: PackageMetadata
}): Environment[] {
  const { previous, current } = metadata
  const extras = new Set([...previous.extras, ...current.extras])
  for (const r of [...previous.requirements, ...current.requirements])
    for (const extra of extrasOf(r)) extras.add(extra)
  return environmentsFor(current.requiresPython?.specifier ?? SpecifierSet.ANY, [...extras])
}

/**
 * The versions of `key` an environment gets: the intersection of the specifiers of every requirement
 * on it whose marker holds there, or undefined when none applies.
 */
function effective(requirements: Requirement[], key: string, env: Environment): string | undefined {
  const applying = requirements.filter(r => r.key === key && (!r.marker || r.marker.evaluate(env)))
  if (!applying.length) return undefined
  const [first, ...rest] = applying
  let allowed = first?.specifier.allowed
  for (const r of rest) allowed = allowed?.intersection(r.specifier.allowed)
  const extras = [...new Set(applying.flatMap(r => r.extras))].sort().join(',')
  const urls = applying.map(r => r.url ?? '').join(',')
  return `${JSON.stringify(allowed?.intervals)}|${extras}|${urls}`
}

export function reachOf(
  change: DependencyChange,
  metadata: { previous: PackageMetadata; current: PackageMetadata },
  envs: Environment[]
): Reach {
  const requirement = change.after ?? change.before
  const sides = [change.before, change.after].filter((r): r is Requirement => r !== undefined)
  const extraOnly = sides.every(r => extrasOf(r).length > 0)
  const dead =
    change.kind === 'removed' &&
    requirement?.marker !== undefined &&
    requirement.marker.holdsIn(envs).length === 0
  const noEffectiveChange =
    change.kind !== 'moved' &&
    envs.length > 0 &&
    envs.every(
      env =>
        effective(metadata.previous.requirements, change.key, env) ===
        effective(metadata.current.requirements, change.key, env)
    )
  return { extraOnly, dead, noEffectiveChange }
}

/** "now required by every install; was only in `dev`" for a requirement that left its extra. */
export function leftExtra(change: DependencyChange): string | undefined {
  const before = extrasOf(change.before)
  if (!change.after || !before.length || extrasOf(change.after).length) return undefined
  return `now required by every install; was only in ${before.map(e => `\`${e}\``).join(', ')}`
}

/** "for Python ≥3.10" from the new Requires-Python, for messages. */
export function supportedPythonsText(current: PackageMetadata): string {
  return current.requiresPython?.text ? `Python ${current.requiresPython.text}` : 'any Python'
}
