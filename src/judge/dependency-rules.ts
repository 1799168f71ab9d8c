import type { DependencyChange, DependencyChangeKind } from '../compare/dependencies.js'
import { formatRequirement, type Requirement } from '../packaging/requirements.js'
import { versionMovesText } from '../packaging/version-moves.js'
import type { Environment } from '../packaging/marker-environments.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Severity } from './severity.js'
import {
  leftExtra,
  lowered,
  reachOf,
  supportedEnvironments,
  supportedPythonsText,
  type Reach
} from './dependency-reach.js'
import { isDevelopmentExtra } from './development-extras.js'
import { dependencySplits, splitText, type DependencySplit } from './dependency-splits.js'
import type { Rule } from './types.js'

const show = (requirement: Requirement | undefined) =>
  requirement ? formatRequirement(requirement) : ''
const anyVersion = (requirement: Requirement | undefined) =>
  requirement && requirement.specifier.isAny && !requirement.url ? ' (any version)' : ''
const where = (source: string | undefined) =>
  source === 'PKG-INFO' ? 'PKG-INFO (Requires-Dist)' : source

/** For a pin bumped: what versions were lost and gained (`every 1.x no longer allowed; …`). */
function movedDetail(change: DependencyChange): string | undefined {
  if (change.detail !== 'allowed versions moved' || !change.before || !change.after)
    return change.detail
  return (
    versionMovesText(change.before.specifier.allowed, change.after.specifier.allowed) ||
    change.detail
  )
}

const MESSAGES: Record<DependencyChangeKind, (change: DependencyChange) => string> = {
  added: c => `new dependency ${show(c.after)}${anyVersion(c.after)}`,
  removed: c => `dependency ${show(c.before)} was removed`,
  tightened: c => `${c.key} allows fewer versions: ${show(c.before)} → ${show(c.after)}`,
  loosened: c => `${c.key} allows more versions: ${show(c.before)} → ${show(c.after)}`,
  changed: c => `${c.key} changed (${movedDetail(c)}): ${show(c.before)} → ${show(c.after)}`,
  moved: c =>
    `${c.key} is now declared in ${where(c.to)}; it was already required through ${where(c.from)}, so installs do not change`
}

const named = (extras: string[]) => extras.map(e => `\`${e}\``).join(', ')

/** Why the severity moved, said after the message; `extras` when one finding speaks for several. */
function reachNote(
  change: DependencyChange,
  reach: Reach,
  current: PackageMetadata,
  extras: string[] = [],
  development: string[] = []
): string {
  if (reach.dead) return `; its marker can no longer be true for ${supportedPythonsText(current)}`
  if (reach.noEffectiveChange) return ` (no effective change for ${supportedPythonsText(current)})`
  const left = leftExtra(change)
  if (left) return ` (${left})`
  if (development.length)
    return ` (only through the development ${development.length === 1 ? 'extra' : 'extras'} ${named(development)})`
  if (extras.length > 1) return ` (only through extras ${named(extras)})`
  return reach.extraOnly ? ' (only through an extra)' : ''
}

/** A marker that only names one extra: `extra == "test"`. */
const onlyExtra = (requirement: Requirement | undefined) =>
  !requirement?.marker ||
  (requirement.marker.extras.length === 1 &&
    requirement.marker.key === `extra == "${requirement.marker.extras[0]}"`)

const withoutMarker = (requirement: Requirement | undefined): Requirement | undefined =>
  requirement && { ...requirement, marker: undefined }

/** The extra a change's requirement comes through, when its marker is only that extra. */
function extraOf(change: DependencyChange): string | undefined {
  const requirement = change.after ?? change.before
  if (!onlyExtra(change.before) || !onlyExtra(change.after)) return undefined
  const [before, after] = [change.before?.marker?.extras[0], change.after?.marker?.extras[0]]
  if (change.before && change.after && before !== after) return undefined
  return requirement?.marker?.extras[0]
}

/**
 * Changes that are one change repeated for each extra that brings the requirement: same kind, project
 * and versions on both sides, each marker only naming its extra.
 */
function groupedByExtra(changes: DependencyChange[]): DependencyChange[][] {
  const groups = new Map<string, DependencyChange[]>()
  changes.forEach((change, index) => {
    const extra = extraOf(change)
    const key =
      extra === undefined
        ? `#${index}`
        : [change.key, show(withoutMarker(change.before)), show(withoutMarker(change.after))].join(
            '|'
          )
    groups.set(key, [...(groups.get(key) ?? []), change])
  })
  return [...groups.values()]
}

/** "(minimum raised)", merged into the reach note's parentheses when it has them. */
function withFloorNote(note: string, floorOnly: boolean): string {
  if (!floorOnly) return note
  return note.startsWith(' (') ? ` (minimum raised; ${note.slice(2)}` : ` (minimum raised)${note}`
}

/** Only older versions are no longer allowed: pip upgrades the dependency, nothing is capped. */
function raisesFloorOnly({ before, after }: DependencyChange): boolean {
  return !!before && !!after && before.specifier.raisesFloorOnly(after.specifier)
}

/** A requirement that only an extra added or removed as a whole pulls in: the extra's finding lists it. */
function foldedIntoExtra(
  change: DependencyChange,
  metadata: { previous: PackageMetadata; current: PackageMetadata }
): boolean {
  const side =
    change.kind === 'added' ? change.after : change.kind === 'removed' ? change.before : undefined
  const extras = side?.marker?.extras ?? []
  if (!extras.length) return false
  const [from, to] =
    change.kind === 'added'
      ? [metadata.previous.extras, metadata.current.extras]
      : [metadata.current.extras, metadata.previous.extras]
  return extras.every(extra => to.includes(extra) && !from.includes(extra))
}

/**
 * The extras that bring the changed requirement when each is a development extra (test, lint, docs
 * tools): their pins matter to contributors, not to users. Empty when any other extra brings it.
 */
function developmentExtras(
  group: DependencyChange[],
  metadata: { previous: PackageMetadata; current: PackageMetadata }
): string[] {
  const extras = [
    ...new Set(group.flatMap(c => [c.before, c.after]).flatMap(r => r?.marker?.extras ?? []))
  ].sort()
  return extras.length && extras.every(extra => isDevelopmentExtra(extra, metadata)) ? extras : []
}

/**
 * Severity by reach: one level lower when only an extra pulls the requirement in; info when its marker
 * can no longer hold, or when every supported environment resolves the project as before.
 */
function dependencyRule(
  kind: DependencyChangeKind,
  defaultSeverity: Severity,
  description: string
): Rule {
  return {
    id: `dependency-${kind}`,
    defaultSeverity,
    description,
    check: ({ dependencies, metadata }) => {
      const changes = dependencies.filter(c => c.kind === kind && !foldedIntoExtra(c, metadata))
      if (kind === 'moved') return changes.map(c => ({ message: MESSAGES[kind](c) }))
      const splits = dependencySplits(dependencies, metadata)
      const inSplit = new Set(splits.flatMap(s => s.changes))
      const single = changes.filter(c => !inSplit.has(c))
      const envs = single.length ? supportedEnvironments(metadata) : []
      return [
        ...splits.filter(s => s.kind === kind).map(s => splitHit(s, defaultSeverity, metadata)),
        ...groupedByExtra(single).map(group =>
          groupHit(group, kind, defaultSeverity, metadata, envs)
        )
      ]
    }
  }
}

/** One finding for one change, or for the same change repeated for each extra that brings it. */
function groupHit(
  group: DependencyChange[],
  kind: DependencyChangeKind,
  defaultSeverity: Severity,
  metadata: { previous: PackageMetadata; current: PackageMetadata },
  envs: Environment[]
) {
  const [c, ...others] = group as [DependencyChange, ...DependencyChange[]]
  const extras = others.length
    ? group
        .map(extraOf)
        .filter(e => e !== undefined)
        .sort()
    : []
  const reach = group
    .map(one => reachOf(one, metadata, envs))
    .reduce((a, b) => ({
      extraOnly: a.extraOnly && b.extraOnly,
      dead: a.dead && b.dead,
      noEffectiveChange: a.noEffectiveChange && b.noEffectiveChange
    }))
  const floorOnly = kind === 'tightened' && raisesFloorOnly(c)
  const development = reach.extraOnly ? developmentExtras(group, metadata) : []
  const severity = development.length ? 'info' : lowered(floorOnly ? 'low' : defaultSeverity, reach)
  const shown = others.length
    ? { ...c, before: withoutMarker(c.before), after: withoutMarker(c.after) }
    : c
  return {
    message:
      MESSAGES[kind](shown) +
      withFloorNote(reachNote(c, reach, metadata.current, extras, development), floorOnly),
    ...(severity !== defaultSeverity && { severity })
  }
}

const SPLIT_MESSAGES: Record<DependencySplit['kind'], (key: string) => string> = {
  added: key => `new dependency ${key}`,
  removed: key => `dependency ${key} was removed`,
  tightened: key => `${key} allows fewer versions`,
  loosened: key => `${key} allows more versions`,
  changed: key => `${key} changed`
}

/** One finding for a dependency re-declared under other markers, judged over every environment. */
function splitHit(
  split: DependencySplit,
  defaultSeverity: Severity,
  metadata: { previous: PackageMetadata; current: PackageMetadata }
) {
  const all = [...split.before, ...split.after]
  const reach = {
    extraOnly: all.every(r => (r.marker?.extras.length ?? 0) > 0),
    dead: false,
    noEffectiveChange: split.noEffectiveChange
  }
  const development = reach.extraOnly ? developmentExtras(split.changes, metadata) : []
  const severity = development.length
    ? 'info'
    : lowered(split.floorOnly ? 'low' : defaultSeverity, reach)
  const note = reachNote(
    split.changes[0] as DependencyChange,
    reach,
    metadata.current,
    [],
    development
  )
  return {
    message: `${SPLIT_MESSAGES[split.kind](split.key)}, ${splitText(split)}${withFloorNote(note, split.floorOnly)}`,
    ...(severity !== defaultSeverity && { severity })
  }
}

export const dependencyAdded = dependencyRule(
  'added',
  'medium',
  'A requirement on a new project (markers and extras shown).'
)
export const dependencyRemoved = dependencyRule(
  'removed',
  'low',
  'A requirement is no longer present.'
)
export const dependencyTightened = dependencyRule(
  'tightened',
  'medium',
  'Same project, fewer versions allowed (low when only the minimum rose).'
)
export const dependencyLoosened = dependencyRule(
  'loosened',
  'low',
  'Same project, more versions allowed.'
)
export const dependencyChanged = dependencyRule(
  'changed',
  'medium',
  'Same project, the allowed versions moved (a pin bumped), or its extras, marker or URL changed.'
)
export const dependencyMoved = dependencyRule(
  'moved',
  'info',
  'A requirement moved between egg-info/requires.txt and PKG-INFO Requires-Dist without changing.'
)
