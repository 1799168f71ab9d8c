import { entryText } from '../read/decode-text.js'
import type { Archive } from '../read/types.js'
import { dataFolder } from './wheel-folders.js'
import { DEVELOPER_ONLY, NOTE_OR_LICENCE } from '../packaging/project-files.js'

/** Sources a build compiles (or byte code it writes): not expected in the wheel as they are. */
const BUILD_SOURCE = /\.(?:c|cc|cpp|cxx|h|hh|hpp|pyx|pxd|pxi|rs|f|f90|go|cu|i|swg|pyc|pyo)$/

/**
 * Files of the sdist's import packages that the wheel does not hold. The packages are the top-level
 * folders at the root or under `src/` that the wheel also ships, lists in `top_level.txt`, or that are
 * named after the project; the wheel may hold them at its root or under `<name>.data/purelib|platlib/`.
 */
export function missingFromWheel(sdist: Archive, wheel: Archive): MissingFile[] {
  if (!wheel.wheel) return []
  const shipped = importPackages(wheel)
  const inWheel = (path: string) => wheelHolds(wheel, path)
  const marked = markedFolders(wheel)
  const missing: MissingFile[] = []
  for (const [path, entry] of sdist.entries) {
    if (entry.type !== 'file') continue
    const installed = path.startsWith('src/') ? path.slice(4) : path
    const top = installed.split('/')[0] ?? ''
    if (!installed.includes('/') || !shipped.has(top)) continue
    // Tests, docs and tooling, build sources and notes are left out of wheels on purpose.
    if (DEVELOPER_ONLY(installed) || BUILD_SOURCE.test(installed) || /\.egg-info\//.test(path))
      continue
    if (NOTE_OR_LICENCE.test(installed) || markedByAncestor(installed, marked)) continue
    if (!inWheel(installed)) missing.push({ path, installed })
  }
  return missing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Whether a wheel installs `path`: at its root, or under `<name>.data/purelib|platlib/`. */
export function wheelHolds(wheel: Archive, path: string): boolean {
  const data = dataFolder(wheel.wheel?.distInfo ?? '')
  return (
    wheel.entries.has(path) ||
    wheel.entries.has(`${data}/purelib/${path}`) ||
    wheel.entries.has(`${data}/platlib/${path}`)
  )
}

/**
 * A subpackage's `py.typed` under a package whose own `py.typed` the wheel has: PEP 561 reads the
 * marker of the top package, so the inner one changes nothing (pip's vendored libraries). Each marked
 * folder is one prefix test, linear in the path's length (building each ancestor's path would not be).
 */
function markedByAncestor(installed: string, marked: string[]): boolean {
  if (!installed.endsWith('/py.typed')) return false
  return marked.some(
    folder => installed.startsWith(`${folder}/`) && installed !== `${folder}/py.typed`
  )
}

/** The folders the wheel installs a `py.typed` in (at its root or under purelib/platlib). */
function markedFolders(wheel: Archive): string[] {
  const data = dataFolder(wheel.wheel?.distInfo ?? '')
  const schemes = [`${data}/purelib/`, `${data}/platlib/`]
  return [...wheel.entries.keys()]
    .filter(path => path.endsWith('/py.typed'))
    .map(path => {
      const scheme = schemes.find(prefix => path.startsWith(prefix)) ?? ''
      return path.slice(scheme.length, -'/py.typed'.length)
    })
}

/** A file of the sdist (`src/demo/py.typed`) and where the wheel would hold it (`demo/py.typed`). */
export interface MissingFile {
  path: string
  installed: string
}

/** The top-level import names a wheel speaks for: what it ships, top_level.txt, and the project name. */
function importPackages(wheel: Archive): Set<string> {
  const names = new Set<string>()
  const distInfo = wheel.wheel?.distInfo ?? ''
  for (const path of wheel.entries.keys()) {
    const top = path.split('/')[0] ?? ''
    if (path.includes('/') && !top.endsWith('.dist-info') && !top.endsWith('.data')) names.add(top)
  }
  const topLevel = entryText(wheel.entries.get(`${distInfo}/top_level.txt`)) ?? ''
  for (const line of topLevel.split(/\r?\n/)) if (line.trim()) names.add(line.trim())
  const project = distInfo.replace(/-[^-]*\.dist-info$/, '')
  if (project) names.add(project.toLowerCase())
  return names
}
