import type { Rule } from './types.js'

/** What setuptools writes into a wheel's .dist-info beside the standard files; no installer reads it. */
const BACKEND_DIST_INFO =
  /^[^/]+\.dist-info\/(?:top_level\.txt|zip-safe|not-zip-safe|dependency_links\.txt|namespace_packages\.txt)$/

/** Documentation no install reads: the docs folder and the project's notes at the root (Flask's README.rst → README.md). */
const DOCUMENTATION =
  /^(?:docs?\/|(?:README|CHANGES|CHANGELOG|HISTORY|NEWS|CONTRIBUTING|AUTHORS|CODE_OF_CONDUCT|SECURITY)(?:\.[^/]*)?$)/i

export const fileRemoved: Rule = {
  id: 'file-removed',
  defaultSeverity: 'low',
  description:
    "A file of the previous sdist (or wheel) is missing from the current one; documentation and a build backend's own .dist-info notes are info.",
  check: ({ files }) =>
    files.removed.map(path => ({
      path,
      message: `${path} was removed`,
      ...((BACKEND_DIST_INFO.test(path) || DOCUMENTATION.test(path)) && {
        severity: 'info' as const
      })
    }))
}
