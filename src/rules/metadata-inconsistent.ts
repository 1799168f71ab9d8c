import { field, fieldValues } from '../packaging/core-metadata.js'
import { normalizeName } from '../packaging/names.js'
import { formatRequirement, parseRequirement } from '../packaging/requirements.js'
import { normalizeSpecifier } from '../packaging/specifiers.js'
import { normalizeVersion } from '../packaging/versions.js'
import type { PackageMetadata } from '../sdist/package-metadata.js'
import type { Rule, RuleHit } from './types.js'

function sortedRequirements(texts: string[]): string {
  return texts
    .map(text => parseRequirement(text))
    .map(parsed => (parsed.ok ? formatRequirement(parsed.requirement) : parsed.text))
    .sort()
    .join(', ')
}

function eggInfoHits(current: PackageMetadata): RuleHit[] {
  if (!current.eggInfo) return []
  const { path, metadata } = current.eggInfo
  const pairs: [string, string, string][] = [
    ['Name', normalizeName(field(metadata, 'Name') ?? ''), normalizeName(current.name)],
    [
      'Version',
      normalizeVersion(field(metadata, 'Version') ?? ''),
      normalizeVersion(current.version)
    ],
    [
      'Requires-Python',
      normalizeSpecifier(field(metadata, 'Requires-Python') ?? ''),
      normalizeSpecifier(current.requiresPython ?? '')
    ],
    [
      'Requires-Dist',
      sortedRequirements(fieldValues(metadata, 'Requires-Dist')),
      current.requiresDist.map(formatRequirement).sort().join(', ')
    ]
  ]
  return pairs
    .filter(([, egg, root]) => egg !== root)
    .map(([name, egg, root]) => ({
      path,
      message: `${path} says ${name} "${egg}" but PKG-INFO says "${root}": the sdist was built from stale egg-info`
    }))
}

function pyprojectHits(current: PackageMetadata): RuleHit[] {
  const project = current.pyproject
  if (!project) return []
  const hits: RuleHit[] = []
  const differs = (
    name: string,
    declared: string | undefined,
    root: string,
    normalize: (s: string) => string
  ) => {
    if (declared === undefined || project.dynamic.includes(name)) return
    if (normalize(declared) !== normalize(root)) {
      hits.push({
        path: 'pyproject.toml',
        message: `pyproject.toml [project] ${name} is "${declared}" but PKG-INFO says "${root}"`
      })
    }
  }
  differs('name', project.name, current.name, normalizeName)
  differs('version', project.version, current.version, normalizeVersion)
  differs(
    'requires-python',
    project.requiresPython,
    current.requiresPython ?? '',
    normalizeSpecifier
  )
  if (project.dependencies && !project.dynamic.includes('dependencies')) {
    const declared = sortedRequirements(project.dependencies)
    const effective = current.requirements.filter(r => !r.marker.includes('extra =='))
    const root = effective.map(formatRequirement).sort().join(', ')
    if (declared !== root) {
      hits.push({
        path: 'pyproject.toml',
        message: `pyproject.toml [project] dependencies are "${declared}" but ${current.requirementsSource} says "${root}"`
      })
    }
  }
  return hits
}

export const metadataInconsistent: Rule = {
  id: 'metadata-inconsistent',
  defaultSeverity: 'medium',
  description:
    'In the current sdist, *.egg-info/PKG-INFO or pyproject.toml [project] disagrees with the root PKG-INFO.',
  check: ({ metadata }) => [...eggInfoHits(metadata.current), ...pyprojectHits(metadata.current)]
}
