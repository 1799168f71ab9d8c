import { normalizeName } from './names.js'
import { compareVersions, isValidVersion, normalizeVersion } from './version.js'

/** What a release tag says: the version it names, and the package when the tag names one. */
export interface ReleaseTag {
  tag: string
  version: string
  /** Normalised package name for `name-1.2.3` / `name-v1.2.3`; absent for `v1.2.3` / `1.2.3`. */
  name?: string
}

/**
 * Reads `v1.2.3`, `1.2.3`, `name-1.2.3` and `name-v1.2.3` (also `refs/tags/…`); undefined for a tag that
 * names no PEP 440 version.
 */
export function parseReleaseTag(ref: string): ReleaseTag | undefined {
  const tag = ref.replace(/^refs\/tags\//, '')
  const bare = /^v?(\d.*)$/i.exec(tag)?.[1]
  if (bare !== undefined && isValidVersion(bare)) return { tag, version: normalizeVersion(bare) }
  const named = /^(.+?)[-_@/]v?(\d[^-_@/]*)$/i.exec(tag)
  if (!named?.[1] || !named[2] || !isValidVersion(named[2])) return undefined
  return { tag, version: normalizeVersion(named[2]), name: normalizeName(named[1]) }
}

/**
 * The tag that speaks for package `name`: one naming it, or a bare version tag when the release has a
 * single package (in a monorepo a bare tag cannot say which package it is for).
 */
export function tagFor(
  tags: ReleaseTag[],
  name: string,
  packagesInRelease: number
): ReleaseTag | undefined {
  const key = normalizeName(name)
  return (
    tags.find(t => t.name === key) ??
    (packagesInRelease === 1 ? tags.find(t => !t.name) : undefined)
  )
}

/** The tag of an earlier release of `name` at `version`, among the repository's tags. */
export function tagOfVersion(
  tags: ReleaseTag[],
  name: string,
  version: string
): ReleaseTag | undefined {
  const key = normalizeName(name)
  const matching = tags.filter(
    t => compareVersions(t.version, version) === 0 && (t.name === undefined || t.name === key)
  )
  return matching.find(t => t.name === key) ?? matching[0]
}
