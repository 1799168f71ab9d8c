import type { Rule } from './types.js'

/**
 * What setuptools writes for itself: a wheel's .dist-info notes beside the standard files, and an sdist's
 * .egg-info folder (it moves under src/ with the code, as python-dateutil 2.9.0's did). The metadata in
 * them is judged from PKG-INFO; no installer reads the files.
 */
const BACKEND_NOTES =
  /^(?:[^/]+\.dist-info\/(?:top_level\.txt|zip-safe|not-zip-safe|dependency_links\.txt|namespace_packages\.txt)|(?:src\/)?[^/]+\.egg-info\/[^/]+)$/

/** Documentation no install reads: the docs folder and the project's notes at the root (Flask's README.rst → README.md). */
const DOCUMENTATION =
  /^(?:docs?\/|(?:README|CHANGES|CHANGELOG|HISTORY|NEWS|CONTRIBUTING|AUTHORS|CODE_OF_CONDUCT|SECURITY)(?:\.[^/]*)?$)/i

export const fileRemoved: Rule = {
  id: 'file-removed',
  defaultSeverity: 'low',
  description:
    "A file of the previous sdist (or wheel) is missing from the current one; documentation and a build backend's own .egg-info and .dist-info notes are info.",
  check: ({ files }) =>
    files.removed.map(path => ({
      path,
      message: `${path} was removed`,
      ...((BACKEND_NOTES.test(path) || DOCUMENTATION.test(path)) && {
        severity: 'info' as const
      })
    }))
}
