import { effectiveBackend, LEGACY_BACKEND, type BuildSystem } from '../packaging/pyproject.js'
import { EGG_INFO } from '../read/package-metadata.js'
import { plural } from '../util/words.js'
import type { Rule } from './types.js'

/** Files that belong to a build backend rather than to the project. */
const BUILD_FILE =
  /^(?:setup\.py|setup\.cfg|MANIFEST\.in|pyproject\.toml|(?:src\/)?[^/]+\.egg-info\/.+)$/

function describeBackend(backend: string): string {
  return backend === LEGACY_BACKEND ? `setup.py (${LEGACY_BACKEND})` : backend
}

/** An egg-info folder gone as a whole is named once (`a.egg-info/`); other paths stay. */
function grouped(paths: string[], remaining: Iterable<string>): string[] {
  const kept = new Set([...remaining].map(path => EGG_INFO.exec(path)?.[0]))
  const shown = paths.map(path => {
    const folder = EGG_INFO.exec(path)?.[0]
    return folder && !kept.has(folder) ? folder : path
  })
  return [...new Set(shown)]
}

/**
 * A backend that runs from the sdist's own files (`backend-path`), new in this release: code of the
 * project that every source build runs. Names its module and the file that holds it.
 */
function newInTreeBackend(
  previous: BuildSystem | undefined,
  current: BuildSystem | undefined,
  paths: string[]
): string | undefined {
  const folders = current?.backendPath ?? []
  const known = new Set(previous?.backendPath ?? [])
  if (!folders.length || folders.every(folder => known.has(folder))) return undefined
  const backend = effectiveBackend(current)
  const module = backend.split(':')[0] ?? backend
  const relative = module.replace(/\./g, '/')
  const file = folders
    .map(folder => folder.replace(/^\.\/?/, '').replace(/\/$/, ''))
    .flatMap(folder => {
      const base = folder ? `${folder}/${relative}` : relative
      return [`${base}.py`, `${base}/__init__.py`]
    })
    .find(path => paths.includes(path))
  return `new in-tree build backend: module ${module}${file ? ` (${file})` : ''} from backend-path ${folders.join(', ')} runs on every source build`
}

/**
 * A build-backend migration (setup.py → flit, poetry → hatchling) is one change: the backend's own files
 * going and coming are listed here rather than one finding each.
 */
export const buildBackendChanged: Rule = {
  id: 'build-backend-changed',
  defaultSeverity: 'info',
  description:
    'The build backend changed (e.g. setup.py → flit_core); the build files that went and came are listed in this one finding. Medium for a new in-tree backend (`backend-path`), named by its module: project code that every source build runs.',
  check: ({ metadata, files, current }) => {
    const before = effectiveBackend(metadata.previous.buildSystem)
    const after = effectiveBackend(metadata.current.buildSystem)
    const inTree = newInTreeBackend(metadata.previous.buildSystem, metadata.current.buildSystem, [
      ...current.entries.keys()
    ])
    if (before === after) return inTree ? [{ message: inTree, severity: 'medium' }] : []
    const gone = files.removed.filter(path => BUILD_FILE.test(path))
    const came = files.added.filter(path => BUILD_FILE.test(path))
    const parts = [
      `build backend changed from ${describeBackend(before)} to ${describeBackend(after)}`,
      ...(gone.length
        ? [
            `gone: ${grouped(gone, current.entries.keys()).join(', ')} (${plural(gone.length, 'file')})`
          ]
        : []),
      ...(came.length ? [`new: ${grouped(came, []).join(', ')}`] : [])
    ]
    return [
      {
        message: [...(inTree ? [inTree] : []), ...parts].join('; '),
        covers: [...gone, ...came],
        ...(inTree && { severity: 'medium' as const })
      }
    ]
  }
}
