import type { DependencyChange, DependencyChangeKind } from '../compare/dependencies.js'
import { formatRequirement, type Requirement } from '../packaging/requirements.js'
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
import type { Rule } from './types.js'

const show = (requirement: Requirement | undefined) =>
  requirement ? formatRequirement(requirement) : ''
const anyVersion = (requirement: Requirement | undefined) =>
  requirement && requirement.specifier.isAny && !requirement.url ? ' (any version)' : ''
const where = (source: string | undefined) =>
  source === 'PKG-INFO' ? 'PKG-INFO (Requires-Dist)' : source

const MESSAGES: Record<DependencyChangeKind, (change: DependencyChange) => string> = {
  added: c => `new dependency ${show(c.after)}${anyVersion(c.after)}`,
  removed: c => `dependency ${show(c.before)} was removed`,
  tightened: c => `${c.key} allows fewer versions: ${show(c.before)} → ${show(c.after)}`,
  loosened: c => `${c.key} allows more versions: ${show(c.before)} → ${show(c.after)}`,
  changed: c => `${c.key} changed (${c.detail}): ${show(c.before)} → ${show(c.after)}`,
  moved: c =>
    `${c.key} is now declared in ${where(c.to)}; it was already required through ${where(c.from)}, so installs do not change`
}

/** Why the severity moved, said after the message. */
function reachNote(change: DependencyChange, reach: Reach, current: PackageMetadata): string {
  if (reach.dead) return `; its marker can no longer be true for ${supportedPythonsText(current)}`
  if (reach.noEffectiveChange) return ` (no effective change for ${supportedPythonsText(current)})`
  const left = leftExtra(change)
  if (left) return ` (${left})`
  return reach.extraOnly ? ' (only through an extra)' : ''
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
      const envs = changes.length ? supportedEnvironments(metadata) : []
      return changes.map(c => {
        const reach = reachOf(c, metadata, envs)
        const floorOnly = kind === 'tightened' && raisesFloorOnly(c)
        const severity = lowered(floorOnly ? 'low' : defaultSeverity, reach)
        return {
          message:
            MESSAGES[kind](c) + withFloorNote(reachNote(c, reach, metadata.current), floorOnly),
          ...(severity !== defaultSeverity && { severity })
        }
      })
    }
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
