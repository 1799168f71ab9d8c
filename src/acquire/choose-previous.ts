import { compareVersions, isPrerelease, normalizeVersion } from '../packaging/version.js'
import { sdistVersion } from './sdist-filename.js'
import type { IndexFile } from './simple-index.js'

export interface IndexSdist extends IndexFile {
  version: string
}

/** The index's sdists of a project: not yanked, a `.tar.gz` whose name parses to a valid version. */
export function sdistsOf(files: IndexFile[], project: string): IndexSdist[] {
  return files.flatMap(file => {
    if (file.yanked) return []
    const version = sdistVersion(file.filename, project)
    return version ? [{ ...file, version }] : []
  })
}

/**
 * The release before `current`: the highest version lower than it, counting pre-releases only when
 * `current` is itself a pre-release (the way pip chooses).
 */
export function choosePreviousRelease<Release extends { version: string }>(
  releases: Release[],
  current: string
): Release | undefined {
  const allowPre = isPrerelease(current)
  return releases
    .filter(
      s => (compareVersions(s.version, current) ?? 1) < 0 && (allowPre || !isPrerelease(s.version))
    )
    .sort((a, b) => compareVersions(b.version, a.version) ?? 0)[0]
}

export function findVersion<Release extends { version: string }>(
  releases: Release[],
  version: string
): Release | undefined {
  const wanted = normalizeVersion(version)
  return releases.find(s => normalizeVersion(s.version) === wanted)
}
