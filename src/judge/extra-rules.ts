import { normalizeName } from '../packaging/names.js'
import { parseRequirement, type Requirement } from '../packaging/requirements.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import { listChangeRule } from './list-change.js'
import type { Rule, RuleHit } from './types.js'

/** The requirements only `extra` pulls in: the extra's finding carries them, one finding for the change. */
export function requirementsOfExtra(metadata: PackageMetadata, extra: string): Requirement[] {
  return metadata.requirements.filter(r => {
    const extras = r.marker?.extras ?? []
    return extras.length > 0 && extras.every(e => e === extra)
  })
}

function withRequirements(requirements: Requirement[]): string {
  if (!requirements.length) return ''
  const names = [...new Set(requirements.map(r => r.key))]
  const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '')
  return `, with its ${requirements.length} requirement${requirements.length === 1 ? '' : 's'}: ${shown}`
}

export const extraAdded = listChangeRule({
  id: 'extra-added',
  defaultSeverity: 'info',
  description: 'A Provides-Extra appeared.',
  appeared: true,
  values: metadata => metadata.extras,
  message: (extra, current) =>
    `extra "${extra}" was added${withRequirements(requirementsOfExtra(current, extra))}`
})

/** The group a removed extra moved to: the same name, or one holding every project the extra pulled in. */
function groupOf(extra: string, previous: PackageMetadata, current: PackageMetadata) {
  const groups = Object.entries(current.dependencyGroups)
  const named = groups.find(([group]) => normalizeName(group) === extra)
  if (named) return named[0]
  const keys = requirementsOfExtra(previous, extra).map(r => r.key)
  if (!keys.length) return undefined
  return groups.find(([, requirements]) => {
    const held = new Set(
      requirements.flatMap(text => {
        const parsed = parseRequirement(text)
        return parsed.ok ? [parsed.requirement.key] : []
      })
    )
    return keys.every(key => held.has(key))
  })?.[0]
}

const quoted = (values: string[]) => values.map(v => `"${v}"`).join(', ')

/**
 * An extra removed is medium, one finding each; extras that moved to PEP 735 `[dependency-groups]`
 * (development requirements no install gets) are one low finding naming the extras and the groups.
 */
export const extraRemoved: Rule = {
  id: 'extra-removed',
  defaultSeverity: 'medium',
  description:
    'A Provides-Extra vanished. Extras moved to PEP 735 `[dependency-groups]` are one low finding.',
  check: ({ metadata }): RuleHit[] => {
    const { previous, current } = metadata
    const kept = new Set(current.extras)
    const removed = previous.extras.filter(extra => !kept.has(extra))
    const moved = removed.map(extra => [extra, groupOf(extra, previous, current)] as const)
    const migrated = moved.filter(
      (pair): pair is readonly [string, string] => pair[1] !== undefined
    )
    const hits: RuleHit[] = moved
      .filter(([, group]) => group === undefined)
      .map(([extra]) => ({
        message: `extra "${extra}" was removed${withRequirements(requirementsOfExtra(previous, extra))}: \`pip install ${current.name}[${extra}]\` now warns and installs without it`
      }))
    if (!migrated.length) return hits
    const extras = migrated.map(([extra]) => extra)
    const groups = [...new Set(migrated.map(([, group]) => group))]
    return [
      {
        message: `${extras.length === 1 ? 'extra' : 'extras'} ${quoted(extras)} moved to [dependency-groups] ${quoted(groups)} (PEP 735): \`pip install ${current.name}[${extras[0]}]\` now warns and installs without it; contributors install the ${groups.length === 1 ? 'group' : 'groups'} with \`pip install --group\``,
        severity: 'low'
      },
      ...hits
    ]
  }
}
