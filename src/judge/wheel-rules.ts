import type { PackageMetadata } from '../read/package-metadata.js'
import type { RequiresPython } from '../packaging/metadata.js'
import { normalizeName } from '../packaging/names.js'
import { formatRequirement, sameRequirements } from '../packaging/requirements.js'
import { compareVersions } from '../packaging/version.js'
import { isPure, uncovered } from '../packaging/wheel-tags.js'
import { missingFromWheel, wheelHolds, type MissingFile } from '../compare/wheel-sdist.js'
import type { CurrentRule, PairRule, RuleHit } from './types.js'
import type { Archive } from '../read/types.js'
import type { FileChanges } from '../compare/file-changes.js'

/** Lists past this many are one finding naming the first few. */
const LIST_LIMIT = 5

const TAG_RULE = {
  id: 'wheel-tag-changed',
  defaultSeverity: 'high',
  description:
    "The Pythons and platforms a release's wheels install on shrank (high: py3-none-any → cp312-cp312-manylinux_2_17_x86_64, or a platform's wheel no longer built) or grew (info); Root-Is-Purelib flips are named."
} as const

/** Two wheels side by side (the pair form), and a Root-Is-Purelib flip between same-tag wheels. */
export const wheelTagChanged: PairRule = {
  ...TAG_RULE,
  check: ({ previous, current, releaseTags }) => {
    if (!previous.wheel || !current.wheel) return []
    const before = previous.wheel.tags
    const after = current.wheel.tags
    const purelib =
      previous.wheel.rootIsPurelib !== current.wheel.rootIsPurelib &&
      previous.wheel.rootIsPurelib !== undefined &&
      current.wheel.rootIsPurelib !== undefined
        ? `; Root-Is-Purelib ${previous.wheel.rootIsPurelib} → ${current.wheel.rootIsPurelib} (installed into ${current.wheel.rootIsPurelib ? 'purelib' : 'platlib'})`
        : ''
    if (purelib && before.join() === after.join())
      return [{ severity: 'low', message: `wheel tags ${after.join(', ')} unchanged${purelib}` }]
    // In a release, the tags are judged once for all its wheels, under the sdist (releaseWheelTags).
    if (releaseTags) return []
    return tagChange(before, after, purelib, { loses: 'this wheel', gains: 'the wheel' })
  }
}

/** A release's wheels together against the previous release's: a platform no longer built is a loss. */
export const releaseWheelTags: CurrentRule = {
  ...TAG_RULE,
  scope: 'current',
  check: ({ releaseWheels }) =>
    releaseWheels
      ? tagChange(releaseWheels.previous, releaseWheels.current, '', {
          loses: 'a wheel of the release',
          gains: "the release's wheels"
        })
      : []
}

function tagChange(
  before: string[],
  after: string[],
  purelib: string,
  what: { loses: string; gains: string }
): RuleHit[] {
  const lost = uncovered(before, after)
  const gained = uncovered(after, before)
  const change = `wheel tags ${before.join(', ') || 'none'} → ${after.join(', ') || 'none'}`
  if (lost.length) {
    const why =
      before.some(isPure) && !after.some(isPure) ? 'the pure wheel became platform-specific: ' : ''
    return [
      {
        message: `${change}: ${why}installs matching only ${lost.join(', ')} no longer get ${what.loses} (pip falls back to the sdist and builds it, or fails)${purelib}`
      }
    ]
  }
  if (gained.length)
    return [
      {
        severity: 'info',
        message: `${change}: ${what.gains} install on more Pythons or platforms (${gained.join(', ')})${purelib}`
      }
    ]
  return []
}

export const wheelRecordInvalid: CurrentRule = {
  id: 'wheel-record-invalid',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'A file of the wheel does not match RECORD (hash or size), is missing from it, or RECORD lists a file the wheel lacks: the wheel changed after it was built.',
  check: ({ archive: current }) => {
    const problems = current.wheel?.recordProblems ?? []
    if (problems.length <= LIST_LIMIT)
      return problems.map(({ path, problem }) => ({ path, message: `${path}: ${problem}` }))
    const shown = problems.slice(0, LIST_LIMIT).map(p => `${p.path} (${p.problem})`)
    return [
      {
        message: `${problems.length} files contradict RECORD: ${shown.join('; ')}, … (${problems.length - LIST_LIMIT} more)`,
        covers: problems.map(p => p.path)
      }
    ]
  }
}

export const wheelMetadataMismatch: CurrentRule = {
  id: 'wheel-metadata-mismatch',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    "The wheel's METADATA and its own sdist's PKG-INFO disagree on Name, Version, Requires-Python, Requires-Dist, extras or entry points (fields the sdist declares Dynamic excepted).",
  check: ({ metadata, ownSdist }) => {
    if (!ownSdist) return []
    const sdist = ownSdist.metadata
    const dynamic = new Set(sdist.core.dynamic)
    return metadataDifferences(metadata, sdist)
      .filter(d => !dynamic.has(d.field.toLowerCase()))
      .map(d => {
        const where = d.field === 'Requires-Dist' ? sdist.requirementsSource : 'PKG-INFO'
        return {
          message: `the wheel's METADATA says ${d.field} ${d.wheel} but the sdist's ${where} says ${d.sdist}: the wheel was not built from this sdist's sources (a stale build?)`
        }
      })
  }
}

interface Difference {
  field: string
  wheel: string
  sdist: string
}

function metadataDifferences(wheel: PackageMetadata, sdist: PackageMetadata): Difference[] {
  const out: Difference[] = []
  const add = (field: string, w: string, s: string) => out.push({ field, wheel: w, sdist: s })
  if (normalizeName(wheel.name) !== normalizeName(sdist.name)) add('Name', wheel.name, sdist.name)
  if (compareVersions(wheel.version, sdist.version) !== 0)
    add('Version', wheel.version, sdist.version)
  if (!sameRequiresPython(wheel.requiresPython, sdist.requiresPython))
    add('Requires-Python', quote(wheel.requiresPython?.text), quote(sdist.requiresPython?.text))
  if (!sameRequirements(wheel.requirements, sdist.requirements))
    add('Requires-Dist', requirementList(wheel), requirementList(sdist))
  if (wheel.extras.join() !== sdist.extras.join())
    add('Provides-Extra', list(wheel.extras), list(sdist.extras))
  if (sdistDeclaresEntryPoints(sdist) && wheel.entryPoints.join() !== sdist.entryPoints.join())
    add('entry points', list(wheel.entryPoints), list(sdist.entryPoints))
  return out
}

function sameRequiresPython(a?: RequiresPython, b?: RequiresPython): boolean {
  if (!a || !b) return !a && !b
  return a.specifier && b.specifier ? a.specifier.equals(b.specifier) : a.text === b.text
}

/** Entry points live in egg-info or pyproject's [project]; other backends' tables are not read. */
function sdistDeclaresEntryPoints(sdist: PackageMetadata): boolean {
  if (sdist.eggInfo) return true
  const dynamic = sdist.pyproject?.dynamic ?? []
  return (
    sdist.pyproject !== undefined &&
    !['scripts', 'gui-scripts', 'entry-points'].some(table => dynamic.includes(table))
  )
}

const quote = (text: string | undefined) => (text === undefined ? '(none)' : `"${text}"`)
const list = (items: string[]) => (items.length ? items.join(', ') : '(none)')
const requirementList = (m: PackageMetadata) => list(m.requirements.map(formatRequirement).sort())

/**
 * A file the previous release's sdist already had and its wheel also left out: the project leaves it
 * out on purpose (pip's vendored notes), and this release changes nothing about it.
 */
function leftOutBefore(
  file: MissingFile,
  previousWheel: Archive | undefined,
  sdistFiles: FileChanges
): boolean {
  if (!previousWheel?.wheel) return false
  const { added, renamed } = sdistFiles
  if (added.includes(file.path) || renamed.some(r => r.to === file.path)) return false
  return !wheelHolds(previousWheel, file.installed)
}

export const wheelMissingFile: CurrentRule = {
  id: 'wheel-missing-file',
  scope: 'current',
  defaultSeverity: 'medium',
  description:
    "A module or package data file under the sdist's import packages is not in the wheel built from it (tests, docs, build sources and notes such as a vendored LICENSE excepted); a file the previous wheel also left out is no finding.",
  check: ({ archive: current, ownSdist }) => {
    if (!ownSdist || !current.wheel) return []
    const missing = missingFromWheel(ownSdist.archive, current).filter(
      file => !leftOutBefore(file, ownSdist.previousWheel, ownSdist.files)
    )
    // The same file removed since the previous wheel is this finding, not a second one.
    if (missing.length <= LIST_LIMIT)
      return missing.map(({ path, installed }) => ({
        path,
        message: `${path} is in the sdist but not in the wheel: installs from the wheel lack it`,
        covers: [installed]
      }))
    const shown = missing.slice(0, LIST_LIMIT).map(m => m.path)
    return [
      {
        message: `${missing.length} files of the sdist's packages are not in the wheel: ${shown.join(', ')}, … (${missing.length - LIST_LIMIT} more)`,
        covers: missing.map(m => m.installed)
      }
    ] satisfies RuleHit[]
  }
}
