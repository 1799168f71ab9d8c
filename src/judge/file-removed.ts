import { ROOT_DOCUMENTATION } from '../packaging/project-files.js'
import type { Rule } from './types.js'

/**
 * What setuptools writes for itself: a wheel's .dist-info notes beside the standard files, and an sdist's
 * .egg-info folder (it moves under src/ with the code, as python-dateutil 2.9.0's did). The metadata in
 * them is judged from PKG-INFO; no installer reads the files.
 */
const BACKEND_NOTES =
  /^(?:[^/]+\.dist-info\/(?:top_level\.txt|zip-safe|not-zip-safe|dependency_links\.txt|namespace_packages\.txt)|(?:src\/)?[^/]+\.egg-info\/[^/]+)$/

export const fileRemoved: Rule = {
  id: 'file-removed',
  defaultSeverity: 'low',
  description:
    "A file of the previous sdist (or wheel) is missing from the current one; documentation and a build backend's own .egg-info and .dist-info notes are info.",
  check: ({ files }) =>
    files.removed.map(path => ({
      path,
      message: `${path} was removed`,
      ...((BACKEND_NOTES.test(path) || ROOT_DOCUMENTATION.test(path)) && {
        severity: 'info' as const
      })
    }))
}
