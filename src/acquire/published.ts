import pLimit from 'p-limit'
import { compareVersions } from '../packaging/version.js'
import { findVersion, choosePreviousRelease } from './choose-previous.js'
import { withoutCredentials } from './credentials.js'
import { downloadArchive } from './download.js'
import {
  latestRelease,
  matchWheels,
  releasesOf,
  wheelTags,
  type IndexRelease,
  type WheelMatch
} from './index-releases.js'
import type { ArchivePlan, PackageIdentity, PackagePlan } from './plan.js'
import { fetchProvenance, type Provenance, type ReleaseProvenance } from './provenance.js'
import { downloadOptions, type ResolveEffects, type ResolveOptions } from './resolve.js'
import { pep625Identity } from './sdist-filename.js'
import { listProjectFiles, type IndexFile } from './simple-index.js'

/** Two published releases of a project, as `sdist-diff NAME==OLD NAME==NEW` names them. */
export interface PublishedRequest {
  name: string
  /** Absent: the release before `current` on the index. */
  previous?: string
  /** Absent: the latest final release. */
  current?: string
  indexUrl: string
  /** Only the current release, judged alone as a first release (a dependency just added): no previous. */
  alone?: boolean
  /** The project's files, when the caller has listed them already. */
  listed?: IndexFile[]
}

/** Why a release judged alone has nothing to compare with. */
const ALONE = 'judged alone, as a first release'

export class PublishedReleaseError extends Error {}

/** A file of either release, downloaded, and what the index says of its provenance. */
interface Fetched {
  path: string
  provenance: Provenance
}

/**
 * Finds both releases on the index (a release of wheels only counts) and downloads what the release form
 * compares: both sdists, and the current wheels the previous release has a wheel of the same tags for,
 * or the pure ones, with those previous wheels. A release without an sdist is judged by its wheels.
 */
export async function planPublished(
  request: PublishedRequest,
  options: ResolveOptions,
  effects: ResolveEffects,
  workdir: string
): Promise<PackagePlan[]> {
  const { current, previous } = await findReleases(request, options, effects)
  const shown = withoutCredentials(request.indexUrl)
  effects.log?.(
    previous
      ? `${request.name}: comparing ${current.version} with ${previous.version} from ${shown}`
      : `${request.name}: judging ${current.version} from ${shown} alone`
  )
  const matches = matchWheels(current.wheels, previous?.wheels ?? [])
  // A release of wheels only is judged by one of them even when the previous release has none like it.
  const [first] = current.wheels
  const compared = !current.sdist && !matches.length && first ? [{ current: first }] : matches
  const download = downloader(options, effects, workdir)
  const optional = (file: IndexFile | undefined) => (file ? download(file) : undefined)
  const [sdists, wheels] = await Promise.all([
    Promise.all([optional(current.sdist), optional(previous?.sdist)]),
    Promise.all(
      compared.map(async match => {
        const [now, before] = await Promise.all([
          download(match.current.file),
          optional(match.previous?.file)
        ])
        return { now, before, match }
      })
    )
  ])
  return [planOf({ current, previous }, sdists, wheels)]
}

/** Downloads a file and reads its provenance, once per file however often it is asked for. */
function downloader(
  options: ResolveOptions,
  effects: ResolveEffects,
  workdir: string
): (file: IndexFile) => Promise<Fetched> {
  const limit = pLimit(options.concurrency)
  const started = new Map<string, Promise<Fetched>>()
  return file => {
    // Several current wheels may be compared with the same previous pure one.
    const fetched =
      started.get(file.url) ??
      limit(async () => ({
        path: await downloadArchive(file, workdir, downloadOptions({ effects, options })),
        provenance: await fetchProvenance(file, options.retry, effects.fetch)
      }))
    started.set(file.url, fetched)
    return fetched
  }
}

async function findReleases(
  request: PublishedRequest,
  options: ResolveOptions,
  effects: ResolveEffects
): Promise<{ current: IndexRelease; previous?: IndexRelease }> {
  const { name } = request
  const shown = withoutCredentials(request.indexUrl)
  const files =
    request.listed ?? (await listProjectFiles(request.indexUrl, name, options.retry, effects.fetch))
  if (!files) throw new PublishedReleaseError(`${name} is not on the index ${shown}`)
  const releases = releasesOf(files, name)
  const named = (version: string) => {
    const found = findVersion(releases, version)
    if (found) return found
    const known =
      releases
        .map(r => r.version)
        .sort((a, b) => compareVersions(a, b) ?? 0)
        .join(', ') || 'none'
    throw new PublishedReleaseError(
      `${name} ${version} is not released on ${shown} (releases there: ${known})`
    )
  }
  const current = request.current ? named(request.current) : latestRelease(releases)
  if (!current)
    throw new PublishedReleaseError(`${name} has no release on ${shown} (no sdist, no wheel)`)
  if (request.alone) return { current }
  const previous = request.previous
    ? named(request.previous)
    : choosePreviousRelease(releases, current.version)
  if (!previous)
    throw new PublishedReleaseError(
      `${name} ${current.version} has no release before it on ${shown}: name the other one (${name}==VERSION)`
    )
  return { current, previous }
}

interface FetchedWheel {
  now: Fetched
  before: Fetched | undefined
  match: WheelMatch
}

/**
 * The plan the pipeline compares: the current sdist, with the wheels beside it; or, for a release
 * without one, its first wheel (a pure one when it has one) in the sdist's place.
 */
function planOf(
  releases: { current: IndexRelease; previous?: IndexRelease },
  [sdist, previousSdist]: (Fetched | undefined)[],
  wheels: FetchedWheel[]
): PackagePlan {
  const { current, previous } = releases
  const tags = {
    ...(previous?.wheels.length && { previousWheelTags: wheelTags(previous) }),
    ...(current.wheels.length && { currentWheelTags: wheelTags(current) })
  }
  const wheelPlans = wheels.map(wheel => wheelPlan(wheel, previous, sdist !== undefined))
  const previousFile = previousSdist ?? wheels.find(w => w.before)?.before
  const provenance = (now: Fetched): ReleaseProvenance => ({
    current: now.provenance,
    ...(previousFile && { previous: previousFile.provenance })
  })
  if (sdist) {
    const named = {
      ...namedSdist(sdist, 'current'),
      ...(previousSdist && namedSdist(previousSdist, 'previous'))
    }
    return {
      current: sdist.path,
      ...(previousSdist
        ? { previous: previousSdist.path }
        : {
            newPackage: previous
              ? `the previous release ${previous.version} published no sdist, only wheels: its wheels are compared with this release's`
              : ALONE
          }),
      ...(Object.keys(named).length && { named }),
      provenance: provenance(sdist),
      ...(wheelPlans.length && { wheels: wheelPlans }),
      ...tags
    }
  }
  const [primary, ...others] = wheelPlans
  const [first] = wheels
  if (!primary || !first)
    throw new PublishedReleaseError(`${current.version} has neither an sdist nor a wheel`)
  return {
    ...primary,
    withoutSdist: previous
      ? { ...(previous.sdist && { previousSdist: previous.sdist.filename }) }
      : { judgedAlone: true },
    provenance: provenance(first.now),
    ...(others.length && { wheels: others }),
    ...tags
  }
}

function wheelPlan(
  { now, before, match }: FetchedWheel,
  previous: IndexRelease | undefined,
  besideSdist: boolean
): ArchivePlan {
  if (before) return { current: now.path, previous: before.path }
  if (!previous) return { current: now.path, newPackage: ALONE }
  const what = previous.wheels.length
    ? `no wheel with the tags ${match.current.named.tags.join(', ')} or a pure one`
    : 'no wheel'
  const so = besideSdist ? 'compared with its sdist only' : 'nothing to compare this wheel with'
  return {
    current: now.path,
    newPackage: `the previous release ${previous.version} has ${what}: ${so}`
  }
}

function namedSdist(sdist: Fetched, side: 'current' | 'previous'): Record<string, PackageIdentity> {
  const named = pep625Identity(sdist.path)
  return named ? { [side]: { file: sdist.path, ...named, from: 'file name' as const } } : {}
}
