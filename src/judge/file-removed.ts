import { posix } from 'node:path'
import { ROOT_DOCUMENTATION } from '../packaging/project-files.js'
import { entryText } from '../read/decode-text.js'
import type { Archive } from '../read/types.js'
import type { Rule } from './types.js'

/**
 * What setuptools writes for itself: a wheel's .dist-info notes beside the standard files, and an sdist's
 * .egg-info folder (it moves under src/ with the code, as python-dateutil 2.9.0's did). The metadata in
 * them is judged from PKG-INFO; no installer reads the files.
 */
const BACKEND_NOTES =
  /^(?:[^/]+\.dist-info\/(?:top_level\.txt|zip-safe|not-zip-safe|dependency_links\.txt|namespace_packages\.txt)|(?:src\/)?[^/]+\.egg-info\/[^/]+)$/

/** The repository's CI, bot and hook configuration: no build, install or test run reads it. */
const REPOSITORY_CONFIG =
  /^(?:\.(?:github|gitlab|circleci)\/|\.?(?:gitlab-ci|travis|pre-commit-config|pre-commit-hooks|readthedocs|codecov)\.ya?ml$)/

/** pip requirement files at the top (`requirements_dev.txt`, `requirements/tests38.txt`). */
const REQUIREMENTS_FILE = /^(?:[^/]*requirements[^/]*|requirements\/[^/]+)\.(?:txt|in)$/i

/** What a build runs or reads: a requirement file they do not name is no build's input. */
const BUILD_FILES = ['setup.py', 'setup.cfg', 'pyproject.toml']

function namedByBuild(path: string, current: Archive): boolean {
  const name = posix.basename(path)
  return BUILD_FILES.some(file => entryText(current.entries.get(file))?.includes(name))
}

/** Why a removed file is info, or undefined when it is not. */
function unused(path: string, current: Archive): string | undefined {
  if (BACKEND_NOTES.test(path) || ROOT_DOCUMENTATION.test(path)) return ''
  if (REPOSITORY_CONFIG.test(path))
    return ' (repository configuration: no build or install reads it)'
  if (REQUIREMENTS_FILE.test(path) && !namedByBuild(path, current))
    return ' (a requirements file no build file of this release names)'
  return undefined
}

export const fileRemoved: Rule = {
  id: 'file-removed',
  defaultSeverity: 'low',
  description:
    "A file of the previous sdist (or wheel) is missing from the current one; documentation, a build backend's own .egg-info and .dist-info notes, CI configuration and requirement files no build file names are info.",
  check: ({ files, current }) =>
    files.removed.map(path => {
      const note = unused(path, current)
      return {
        path,
        message: `${path} was removed${note ?? ''}`,
        ...(note !== undefined && { severity: 'info' as const })
      }
    })
}
