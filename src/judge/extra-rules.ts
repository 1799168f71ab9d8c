import type { Requirement } from '../packaging/requirements.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import { listChangeRule } from './list-change.js'

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

export const extraRemoved = listChangeRule({
  id: 'extra-removed',
  defaultSeverity: 'medium',
  description: 'A Provides-Extra vanished.',
  appeared: false,
  values: metadata => metadata.extras,
  message: (extra, current, { previous }) =>
    `extra "${extra}" was removed${withRequirements(requirementsOfExtra(previous, extra))}: \`pip install ${current.name}[${extra}]\` now warns and installs without it`
})
