import { normalizeName } from '../packaging/names.js'
import { compareVersions, isPrerelease, normalizeVersion } from '../packaging/version.js'
import { isPure } from '../packaging/wheel-tags.js'
import { sdistsOf, type IndexSdist } from './choose-previous.js'
import { wheelName, type WheelName } from './sdist-filename.js'
import type { IndexFile } from './simple-index.js'

export interface IndexWheel {
  file: IndexFile
  named: WheelName
}

/** One version of a project on the index: its sdist, when it has one, and its wheels. */
export interface IndexRelease {
  version: string
  sdist?: IndexSdist
  wheels: IndexWheel[]
}

/** Each current wheel the previous release can be compared with, and the previous wheel it is compared with. */
export interface WheelMatch {
  current: IndexWheel
  /** The previous release's wheel of the same tags, or else its pure one; absent when it has neither. */
  previous?: IndexWheel
}

/**
 * The index's releases of a project, each a version with an sdist or a wheel that is not yanked (a
 * release of wheels only is a release too), in the index's order.
 */
export function releasesOf(files: IndexFile[], project: string): IndexRelease[] {
  const releases = new Map<string, IndexRelease>()
  const releaseOf = (version: string) => {
    const key = normalizeVersion(version)
    const release = releases.get(key) ?? { version, wheels: [] }
    releases.set(key, release)
    return release
  }
  for (const sdist of sdistsOf(files, project)) releaseOf(sdist.version).sdist ??= sdist
  for (const file of files) {
    const named = file.yanked ? undefined : wheelName(file.filename)
    if (!named || normalizeName(named.name) !== normalizeName(project)) continue
    releaseOf(named.version).wheels.push({ file, named })
  }
  return [...releases.values()].map(release => ({
    ...release,
    version: release.sdist?.version ?? release.version
  }))
}

/** The highest final release; a project with pre-releases only gets its highest pre-release. */
export function latestRelease(releases: IndexRelease[]): IndexRelease | undefined {
  const finals = releases.filter(r => !isPrerelease(r.version))
  return [...(finals.length ? finals : releases)].sort(
    (a, b) => compareVersions(b.version, a.version) ?? 0
  )[0]
}

/**
 * The current release's wheels that the previous release has a wheel of the same tags for, or that are
 * pure, each with that wheel (or the previous pure one); pure ones first.
 */
export function matchWheels(current: IndexWheel[], previous: IndexWheel[]): WheelMatch[] {
  const tags = (wheel: IndexWheel) => wheel.named.tags.join('.')
  const pure = (wheel: IndexWheel) => wheel.named.tags.every(isPure)
  const previousPure = previous.find(pure)
  return current
    .flatMap(wheel => {
      const same = previous.find(before => tags(before) === tags(wheel))
      if (!same && !pure(wheel)) return []
      const match = same ?? previousPure
      return [{ current: wheel, ...(match && { previous: match }) }]
    })
    .sort((a, b) => Number(pure(b.current)) - Number(pure(a.current)))
}

/** Every tag of the release's wheels, sorted: what installs the release serves. */
export function wheelTags(release: IndexRelease): string[] {
  return [...new Set(release.wheels.flatMap(wheel => wheel.named.tags))].sort()
}
