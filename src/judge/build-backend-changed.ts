import { effectiveBackend, LEGACY_BACKEND } from '../packaging/pyproject.js'
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
 * A build-backend migration (setup.py → flit, poetry → hatchling) is one change: the backend's own files
 * going and coming are listed here rather than one finding each.
 */
export const buildBackendChanged: Rule = {
  id: 'build-backend-changed',
  defaultSeverity: 'info',
  description:
    'The build backend changed (e.g. setup.py → flit_core); the build files that went and came are listed in this one finding.',
  check: ({ metadata, files, current }) => {
    const before = effectiveBackend(metadata.previous.buildSystem)
    const after = effectiveBackend(metadata.current.buildSystem)
    if (before === after) return []
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
    return [{ message: parts.join('; '), covers: [...gone, ...came] }]
  }
}
