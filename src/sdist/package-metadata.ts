import {
  field,
  fieldValues,
  parseCoreMetadata,
  type CoreMetadata
} from '../packaging/core-metadata.js'
import { parseEntryPoints } from '../packaging/entry-points.js'
import { normalizeName } from '../packaging/names.js'
import { parsePyproject, type PyprojectProject } from '../packaging/pyproject.js'
import { parseRequirement, type Requirement } from '../packaging/requirements.js'
import { requiresTxtToPep508 } from '../packaging/requires-txt.js'
import { entryText } from './decode-text.js'
import { rootMetadata } from './identity.js'
import type { Sdist } from './types.js'

export interface InvalidValue {
  where: string
  text: string
  error: string
}

/** What the sdist declares to installers, gathered from PKG-INFO and the files that echo it. */
export interface PackageMetadata {
  metadataVersion?: string
  name: string
  version: string
  requiresPython?: string
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
  eggInfo?: { path: string; metadata: CoreMetadata }
  pyproject?: PyprojectProject
  invalid: InvalidValue[]
}

const EGG_INFO = /^(?:src\/)?[^/]+\.egg-info\//

export function readPackageMetadata(sdist: Sdist): PackageMetadata {
  const metadata = rootMetadata(sdist)
  const invalid: InvalidValue[] = []
  const requiresDist = parseAll(
    fieldValues(metadata, 'Requires-Dist'),
    'PKG-INFO Requires-Dist',
    invalid
  )
  const requiresTxt = readRequiresTxt(sdist, invalid)
  const useRequiresTxt = requiresDist.length === 0 && requiresTxt !== undefined
  const pyproject = readPyproject(sdist, invalid)
  const eggInfo = readEggInfo(sdist)
  return {
    ...optional('metadataVersion', field(metadata, 'Metadata-Version')),
    name: field(metadata, 'Name') ?? '',
    version: field(metadata, 'Version') ?? '',
    ...optional('requiresPython', field(metadata, 'Requires-Python')),
    requirements: useRequiresTxt ? requiresTxt.requirements : requiresDist,
    requirementsSource: useRequiresTxt ? requiresTxt.path : 'PKG-INFO',
    requiresDist,
    ...(requiresTxt && { requiresTxt }),
    extras: extrasOf(metadata, useRequiresTxt ? requiresTxt.extras : []),
    classifiers: [...new Set(fieldValues(metadata, 'Classifier'))].sort(),
    ...optional('license', field(metadata, 'License')),
    ...optional('licenseExpression', field(metadata, 'License-Expression')),
    entryPoints: entryPointsOf(sdist, pyproject),
    ...(eggInfo && { eggInfo }),
    ...(pyproject && { pyproject }),
    invalid
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}

function parseAll(texts: string[], where: string, invalid: InvalidValue[]): Requirement[] {
  const requirements: Requirement[] = []
  for (const text of texts) {
    const parsed = parseRequirement(text)
    if (parsed.ok) requirements.push(parsed.requirement)
    else invalid.push({ where, text, error: parsed.error })
  }
  return requirements
}

function findFile(sdist: Sdist, pattern: RegExp): { path: string; text: string } | undefined {
  const paths = [...sdist.entries.keys()].filter(p => pattern.test(p)).sort()
  for (const path of paths) {
    const text = entryText(sdist.entries.get(path))
    if (text !== undefined) return { path, text }
  }
  return undefined
}

function readRequiresTxt(sdist: Sdist, invalid: InvalidValue[]): PackageMetadata['requiresTxt'] {
  const file = findFile(sdist, new RegExp(EGG_INFO.source + 'requires\\.txt$'))
  if (!file) return undefined
  const { requirements, extras } = requiresTxtToPep508(file.text)
  return { path: file.path, requirements: parseAll(requirements, file.path, invalid), extras }
}

function readEggInfo(sdist: Sdist): PackageMetadata['eggInfo'] {
  const file = findFile(sdist, new RegExp(EGG_INFO.source + 'PKG-INFO$'))
  return file && { path: file.path, metadata: parseCoreMetadata(file.text) }
}

function readPyproject(sdist: Sdist, invalid: InvalidValue[]): PyprojectProject | undefined {
  const text = entryText(sdist.entries.get('pyproject.toml'))
  if (text === undefined) return undefined
  const parsed = parsePyproject(text)
  if (!parsed.ok) invalid.push({ where: 'pyproject.toml', text: '', error: parsed.error })
  return parsed.ok ? parsed.project : undefined
}

function extrasOf(metadata: CoreMetadata, fromRequiresTxt: string[]): string[] {
  const declared = fieldValues(metadata, 'Provides-Extra')
  return [...new Set((declared.length ? declared : fromRequiresTxt).map(normalizeName))].sort()
}

function entryPointsOf(sdist: Sdist, pyproject: PyprojectProject | undefined): string[] {
  const file = findFile(sdist, new RegExp(EGG_INFO.source + 'entry_points\\.txt$'))
  const names = [...(file ? parseEntryPoints(file.text) : []), ...(pyproject?.entryPoints ?? [])]
  return [...new Set(names)].sort()
}
