import type { Metadata, MetadataProblem, RequiresPython } from '../packaging/metadata.js'
import { parseRequirements } from '../packaging/metadata.js'
import { normalizeName } from '../packaging/names.js'
import { formatRequirement, sameRequirements, type Requirement } from '../packaging/requirements.js'
import { SpecifierSet } from '../packaging/specifiers.js'
import { Version } from '../packaging/version.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Rule, RuleHit } from './types.js'

/** Two declarations of one field, compared by meaning and shown as written. */
interface Declared {
  field: string
  here: string
  root: string
  same: boolean
}

const sameName = (a: string, b: string) => normalizeName(a) === normalizeName(b)

function sameVersion(a: string, b: string): boolean {
  const [left, right] = [Version.parse(a), Version.parse(b)]
  return left && right ? left.equals(right) : a.trim() === b.trim()
}

/** `>=3.9` and `>=3.9.0` are one set of Pythons; unparseable text is compared as text. */
function samePythons(a: string | undefined, b: string | undefined): boolean {
  const [left, right] = [SpecifierSet.parse(a ?? ''), SpecifierSet.parse(b ?? '')]
  return left && right ? left.equals(right) : (a ?? '').trim() === (b ?? '').trim()
}

const text = (requiresPython: RequiresPython | undefined) => requiresPython?.text ?? ''
const listed = (requirements: Requirement[]) =>
  requirements.map(formatRequirement).sort().join(', ')

function eggInfoDeclarations(egg: Metadata, current: PackageMetadata): Declared[] {
  return [
    {
      field: 'Name',
      here: egg.name ?? '',
      root: current.name,
      same: sameName(egg.name ?? '', current.name)
    },
    {
      field: 'Version',
      here: egg.version ?? '',
      root: current.version,
      same: sameVersion(egg.version ?? '', current.version)
    },
    {
      field: 'Requires-Python',
      here: text(egg.requiresPython),
      root: text(current.requiresPython),
      same: samePythons(egg.requiresPython?.text, current.requiresPython?.text)
    },
    {
      field: 'Requires-Dist',
      here: listed(egg.requiresDist),
      root: listed(current.requiresDist),
      same: sameRequirements(egg.requiresDist, current.requiresDist)
    }
  ]
}

function eggInfoHits(current: PackageMetadata): RuleHit[] {
  if (!current.eggInfo) return []
  const { path, metadata } = current.eggInfo
  return eggInfoDeclarations(metadata, current)
    .filter(d => !d.same)
    .map(d => ({
      path,
      message: `${path} says ${d.field} "${d.here}" but PKG-INFO says "${d.root}": the sdist was built from stale egg-info`
    }))
}

function pyprojectDeclarations(current: PackageMetadata): Declared[] {
  const project = current.pyproject
  if (!project) return []
  const declared: Declared[] = []
  const add = (field: string, here: string | undefined, root: string, same: boolean) => {
    if (here !== undefined && !project.dynamic.includes(field))
      declared.push({ field, here, root, same })
  }
  add('name', project.name, current.name, sameName(project.name ?? '', current.name))
  add(
    'version',
    project.version,
    current.version,
    sameVersion(project.version ?? '', current.version)
  )
  add(
    'requires-python',
    project.requiresPython,
    text(current.requiresPython),
    samePythons(project.requiresPython, current.requiresPython?.text)
  )
  if (project.dependencies && !project.dynamic.includes('dependencies')) {
    const ignored: MetadataProblem[] = []
    const dependencies = parseRequirements(project.dependencies, 'pyproject.toml', ignored)
    if (ignored.length) return declared
    const unconditional = current.requirements.filter(r => !r.marker?.extras.length)
    declared.push({
      field: 'dependencies',
      here: listed(dependencies),
      root: listed(unconditional),
      same: sameRequirements(dependencies, unconditional)
    })
  }
  return declared
}

function pyprojectHits(current: PackageMetadata): RuleHit[] {
  return pyprojectDeclarations(current)
    .filter(d => !d.same)
    .map(d => ({
      path: 'pyproject.toml',
      message:
        d.field === 'dependencies'
          ? `pyproject.toml [project] dependencies are "${d.here}" but ${current.requirementsSource} says "${d.root}"`
          : `pyproject.toml [project] ${d.field} is "${d.here}" but PKG-INFO says "${d.root}"`
    }))
}

export const metadataInconsistent: Rule = {
  id: 'metadata-inconsistent',
  defaultSeverity: 'medium',
  description:
    'In the current sdist, *.egg-info/PKG-INFO or pyproject.toml [project] disagrees with the root PKG-INFO.',
  check: ({ metadata }) => [...eggInfoHits(metadata.current), ...pyprojectHits(metadata.current)]
}
