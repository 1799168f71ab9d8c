import type { Rule } from './types.js'

/** What setuptools writes into a wheel's .dist-info beside the standard files; no installer reads it. */
const BACKEND_DIST_INFO =
  /^[^/]+\.dist-info\/(?:top_level\.txt|zip-safe|not-zip-safe|dependency_links\.txt|namespace_packages\.txt)$/

export const fileRemoved: Rule = {
  id: 'file-removed',
  defaultSeverity: 'low',
  description:
    "A file of the previous sdist (or wheel) is missing from the current one; a build backend's own .dist-info notes are info.",
  check: ({ files }) =>
    files.removed.map(path => ({
      path,
      message: `${path} was removed`,
      ...(BACKEND_DIST_INFO.test(path) && { severity: 'info' as const })
    }))
}
