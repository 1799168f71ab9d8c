import { parseEntryPointTargets } from '../packaging/entry-points.js'
import {
  parseRequirements,
  readMetadata,
  type Metadata,
  type MetadataProblem,
  type RequiresPython
} from '../packaging/metadata.js'
import { isValidName, normalizeName } from '../packaging/names.js'
import { parsePyproject, type BuildSystem, type PyprojectProject } from '../packaging/pyproject.js'
import type { Requirement } from '../packaging/requirements.js'
import { requiresTxtToPep508 } from '../packaging/requires-txt.js'
import { entryText } from './decode-text.js'
import { readRootMetadata } from './identity.js'
import type { Archive } from './types.js'

/** What the sdist declares to installers, gathered from PKG-INFO and the files that echo it. */
export interface PackageMetadata {
  metadataVersion?: string
  name: string
  version: string
  requiresPython?: RequiresPython
  /** The requirements pip acts on: PKG-INFO's Requires-Dist, or requires.txt when PKG-INFO has none. */
  requirements: Requirement[]
  requirementsSource: string
  /** Requirements declared in each place, kept to tell a moved requirement from a new one. */
  requiresDist: Requirement[]
  requiresTxt?: { path: string; requirements: Requirement[]; extras: string[] }
  extras: string[]
  classifiers: string[]
  license?: string
  licenseExpression?: string
  entryPoints: string[]
  /** Each entry point with the object it loads (`console_scripts: wheel` → `wheel.cli:main`). */
  entryPointTargets: Record<string, string>
  eggInfo?: { path: string; metadata: Metadata }
  /** The root PKG-INFO, typed, for the fields the summary above does not carry. */
  core: Metadata
  pyproject?: PyprojectProject
  /** pyproject.toml's PEP 735 `[dependency-groups]`: requirements for development, never installed. */
  dependencyGroups: Record<string, string[]>
  /** pyproject.toml's `[build-system]`, when the sdist has one. */
  buildSystem?: BuildSystem
  /** Files a VCS-versioning plugin writes at build time (setuptools-scm `version_file`, hatch-vcs, pdm). */
  versionFiles: string[]
  /** Everything an installer could not read: PKG-INFO lines and values, requires.txt, pyproject.toml. */
  invalid: MetadataProblem[]
}

/** An egg-info folder where setuptools writes it: at the root, or under src/. */
export const EGG_INFO = /^(?:src\/)?[^/]+\.egg-info\//

export function readPackageMetadata(sdist: Archive): PackageMetadata {
  const root = readRootMetadata(sdist)
  const invalid = [
    ...root.problems,
    ...nameProblems(root.name, sdist.wheel ? 'METADATA' : 'PKG-INFO')
  ]
  const requiresTxt = readRequiresTxt(sdist, invalid)
  const useRequiresTxt = root.requiresDist.length === 0 && requiresTxt !== undefined
  const {
    project: pyproject,
    buildSystem,
    versionFiles = [],
    dependencyGroups = {}
  } = readPyproject(sdist, invalid)
  const eggInfo = readEggInfo(sdist)
  const entryPointTargets = entryPointsOf(sdist, pyproject)
  const extras = root.providesExtra.length
    ? root.providesExtra
    : [...new Set((useRequiresTxt ? requiresTxt.extras : []).map(normalizeName))].sort()
  return {
    ...(root.metadataVersion !== undefined && { metadataVersion: root.metadataVersion }),
    name: root.name ?? '',
    version: root.version ?? '',
    ...(root.requiresPython && { requiresPython: root.requiresPython }),
    requirements: useRequiresTxt ? requiresTxt.requirements : root.requiresDist,
    requirementsSource: useRequiresTxt ? requiresTxt.path : sdist.wheel ? 'METADATA' : 'PKG-INFO',
    requiresDist: root.requiresDist,
    ...(requiresTxt && { requiresTxt }),
    extras,
    classifiers: root.classifiers,
    ...(root.license !== undefined && { license: root.license }),
    ...(root.licenseExpression !== undefined && { licenseExpression: root.licenseExpression }),
    entryPoints: Object.keys(entryPointTargets).sort(),
    entryPointTargets,
    ...(eggInfo && { eggInfo }),
    ...(pyproject && { pyproject }),
    ...(buildSystem && { buildSystem }),
    versionFiles,
    dependencyGroups,
    core: root,
    invalid
  }
}

/** A Name that is not a PEP 508 name is never looked up on an index (it could be a URL or a path). */
function nameProblems(name: string | undefined, file: string): MetadataProblem[] {
  if (name === undefined || isValidName(name)) return []
  return [{ where: `${file} Name`, text: name, error: 'not a valid project name (PEP 508 names)' }]
}

const ENTRY_POINTS_TXT = new RegExp(EGG_INFO.source + 'entry_points\\.txt$')

function findFile(
  sdist: Archive,
  wanted: RegExp | ((path: string) => boolean)
): { path: string; text: string } | undefined {
  const test = typeof wanted === 'function' ? wanted : (path: string) => wanted.test(path)
  const paths = [...sdist.entries.keys()].filter(test).sort()
  for (const path of paths) {
    const text = entryText(sdist.entries.get(path))
    if (text !== undefined) return { path, text }
  }
  return undefined
}

function readRequiresTxt(
  sdist: Archive,
  invalid: MetadataProblem[]
): PackageMetadata['requiresTxt'] {
  const file = findFile(sdist, new RegExp(EGG_INFO.source + 'requires\\.txt$'))
  if (!file) return undefined
  const { requirements, extras } = requiresTxtToPep508(file.text)
  return {
    path: file.path,
    requirements: parseRequirements(requirements, file.path, invalid),
    extras
  }
}

function readEggInfo(sdist: Archive): PackageMetadata['eggInfo'] {
  const file = findFile(sdist, new RegExp(EGG_INFO.source + 'PKG-INFO$'))
  return file && { path: file.path, metadata: readMetadata(file.text, file.path) }
}

function readPyproject(
  sdist: Archive,
  invalid: MetadataProblem[]
): {
  project?: PyprojectProject
  buildSystem?: BuildSystem
  versionFiles?: string[]
  dependencyGroups?: Record<string, string[]>
} {
  const text = entryText(sdist.entries.get('pyproject.toml'))
  if (text === undefined) return {}
  const parsed = parsePyproject(text)
  if (parsed.ok) return parsed
  invalid.push({ where: 'pyproject.toml', text: '', error: parsed.error })
  return {}
}

/** entry_points.txt's, and pyproject.toml's where the built file does not have one. */
function entryPointsOf(
  sdist: Archive,
  pyproject: PyprojectProject | undefined
): Record<string, string> {
  const file = sdist.wheel
    ? findFile(sdist, path => path === `${sdist.wheel?.distInfo}/entry_points.txt`)
    : findFile(sdist, path => ENTRY_POINTS_TXT.test(path))
  return { ...pyproject?.entryPointTargets, ...(file ? parseEntryPointTargets(file.text) : {}) }
}
