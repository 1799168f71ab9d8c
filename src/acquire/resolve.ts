import { relative } from 'node:path'
import pLimit from 'p-limit'
import picomatch from 'picomatch'
import { isValidName, normalizeName } from '../packaging/names.js'
import { readPackageIdentity } from '../read/identity.js'
import { readUntilPkgInfo, type ReadLimits } from '../read/read-archive.js'
import { isWheelFile, pep625Identity, wheelName, type WheelName } from './sdist-filename.js'
import { buildSdists, DEFAULT_BUILD_COMMAND, spawnRunner, type CommandRunner } from './build.js'
import { choosePreviousRelease, findVersion, sdistsOf } from './choose-previous.js'
import { downloadArchive, type DownloadOptions, type ArchiveCache } from './download.js'
import { fetchProvenance, type Provenance } from './provenance.js'
import type { ArchivePlan, PackageIdentity, PackagePlan } from './plan.js'
import { expandPaths } from './expand-paths.js'
import { withoutCredentials } from './credentials.js'
import { buildGitRef } from './git-ref.js'
import type { RetryPolicy } from './http.js'
import { parsePreviousSpec, type PreviousSpec } from './previous-spec.js'
import {
  DEFAULT_INDEX_URL,
  listProjectFiles,
  sha256FromFragment,
  type IndexFile
} from './simple-index.js'
import { compareVersions } from '../packaging/version.js'
import { isPure } from '../packaging/wheel-tags.js'

/** Where the two sides of a release come from. */
export interface ReleaseSources {
  /** Paths or globs of the current sdists; empty: build them with `buildCommand`. */
  current: string[]
  /** '' (the release before on the index), a version, a path or glob, a URL, or `git:<ref>`. */
  previous?: string
  indexUrl?: string
  buildCommand?: string
  workingDirectory?: string
  /** Names or globs (of names or paths) selecting which current sdists to compare: one shard's share. */
  packages?: string[]
  /** The repository the workflow runs in, for a previous release published from another. */
  provenance?: { repository?: string }
}

/** The I/O the resolve stage may do, passed in so that tests and the Action can supply their own. */
/** How the resolution runs: decided by a shell, from its inputs and the environment. */
export interface ResolveOptions {
  retry: RetryPolicy
  readLimits: ReadLimits
  concurrency: number
}

/** What the resolution does beyond reading files: commands, the download cache, messages. */
export interface ResolveEffects {
  run?: CommandRunner
  cache?: ArchiveCache
  log?: (message: string) => void
  /** What a reviewer should see (a weak hash); the Action makes it a notice. */
  notice?: (message: string) => void
  /** fetch for the index and downloads: through the runner's proxy when it has one. */
  fetch?: typeof fetch
}

export type { ArchivePlan, PackageIdentity, PackagePlan }

interface Resolution {
  sources: ReleaseSources
  options: ResolveOptions
  effects: ResolveEffects
  spec: PreviousSpec
  indexUrl: string
  /** indexUrl as messages show it: without credentials. */
  indexShown: string
  cwd: string
  /** A temporary folder the caller owns and removes: builds and downloads go here. */
  workdir: string
}

/**
 * Current sources × previous spec → one plan per package. Current sdists are named by their PKG-INFO and
 * paired by normalised name with the previous release (files, a URL, a git ref, or the index).
 */
export async function resolvePackages(
  sources: ReleaseSources,
  options: ResolveOptions,
  effects: ResolveEffects,
  workdir: string
): Promise<PackagePlan[]> {
  const resolution: Resolution = {
    sources,
    options,
    effects,
    spec: parsePreviousSpec(sources.previous),
    indexUrl: sources.indexUrl || DEFAULT_INDEX_URL,
    indexShown: withoutCredentials(sources.indexUrl || DEFAULT_INDEX_URL),
    cwd: sources.workingDirectory ?? process.cwd(),
    workdir
  }
  const limit = pLimit(options.concurrency)
  const files = await currentFiles(resolution)
  const all = await Promise.all(
    files
      .filter(file => !isWheelFile(file))
      .map(file => limit(() => identify(file, options.readLimits)))
  )
  const wheels = namedWheels(files.filter(isWheelFile), 'current')
  refuseOrphanWheels(wheels, all)
  const current = selectPackages(all, sources.packages ?? [], resolution.cwd)
  refuseDuplicateNames(current)
  const previous = await previousByName(resolution, current)
  return Promise.all(
    current.map(sdist =>
      limit(async () => {
        const plan = await planPackage(resolution, sdist, previous?.sdists)
        const own = wheels.filter(wheel => normalizeName(wheel.name) === nameOf(sdist))
        if (!own.length) return plan
        return { ...plan, ...(await planWheels(resolution, own, plan, previous?.wheels)) }
      })
    )
  )
}

function namedWheels(files: string[], side: 'current' | 'previous'): WheelName[] {
  return files.map(file => {
    const named = wheelName(file)
    if (!named)
      throw new Error(
        `${side}: ${file} is not named like a wheel ({name}-{version}(-{build})?-{python}-{abi}-{platform}.whl, PEP 427)`
      )
    return named
  })
}

/** Wheels are judged against the sdist of their release, so each needs one beside it. */
function refuseOrphanWheels(wheels: WheelName[], sdists: PackageIdentity[]): void {
  const names = new Set(sdists.map(nameOf))
  const orphan = wheels.find(wheel => !names.has(normalizeName(wheel.name)))
  if (orphan)
    throw new Error(
      `current: ${orphan.file} has no sdist of ${orphan.name} beside it: give the sdist too (each wheel is checked against it), or compare two wheels with \`sdist-diff OLD.whl NEW.whl\``
    )
}

/**
 * Each current wheel with the previous release's wheel of the same tags, or else its pure wheel: from
 * the files or git build given, or from the index beside the previous sdist.
 */
async function planWheels(
  resolution: Resolution,
  wheels: WheelName[],
  plan: PackagePlan,
  givenPrevious: WheelName[] | undefined
): Promise<Pick<PackagePlan, 'wheels' | 'previousWheelTags'>> {
  if (plan.previous === undefined)
    return { wheels: wheels.map(wheel => ({ current: wheel.file, newPackage: plan.newPackage })) }
  const previousVersion = plan.indexRelease?.version
  const candidates: { filename: string; tags: string[]; fetch: () => Promise<string> }[] =
    givenPrevious !== undefined
      ? givenPrevious
          .filter(w => normalizeName(w.name) === normalizeName(wheels[0]?.name ?? ''))
          .map(w => ({ filename: w.file, tags: w.tags, fetch: async () => w.file }))
      : (plan.indexRelease?.files ?? []).flatMap(file => {
          const named = wheelName(file.filename)
          if (!named || !previousVersion || compareVersions(named.version, previousVersion) !== 0)
            return []
          return [
            {
              filename: file.filename,
              tags: named.tags,
              fetch: () => downloadArchive(file, resolution.workdir, downloadOptions(resolution))
            }
          ]
        })
  const planned = await Promise.all(
    wheels.map(async (wheel): Promise<ArchivePlan> => {
      const match =
        candidates.find(c => c.tags.join() === wheel.tags.join()) ??
        candidates.find(c => c.tags.every(isPure))
      if (!match)
        return {
          current: wheel.file,
          newPackage: `no wheel of the previous release with the tags ${wheel.tags.join(', ')} or a pure one: compared with its sdist only`
        }
      return { current: wheel.file, previous: await match.fetch() }
    })
  )
  const previousWheelTags = [...new Set(candidates.flatMap(c => c.tags))].sort()
  return { wheels: planned, ...(previousWheelTags.length && { previousWheelTags }) }
}

/**
 * Names an sdist by its PEP 625 file name (`demo_pkg-1.2.tar.gz`) when it has one, so that it is read
 * only once; other names (legacy, spooled standard input) are read for their PKG-INFO here.
 */
async function identify(file: string, limits: ReadLimits): Promise<PackageIdentity> {
  const named = pep625Identity(file)
  if (named) return { file, ...named, from: 'file name' }
  return { file, ...readPackageIdentity(await readUntilPkgInfo(file, limits)), from: 'PKG-INFO' }
}

export function downloadOptions(from: Pick<Resolution, 'effects' | 'options'>): DownloadOptions {
  const { effects, options } = from
  return {
    ...(effects.cache && { cache: effects.cache }),
    ...(effects.fetch && { fetch: effects.fetch }),
    ...(effects.notice && { notice: effects.notice }),
    retry: options.retry
  }
}

async function currentFiles({ sources, effects, cwd, workdir }: Resolution): Promise<string[]> {
  if (sources.current.length) return expandPaths(sources.current, cwd, 'current')
  return buildSdists(
    sources.buildCommand || DEFAULT_BUILD_COMMAND,
    cwd,
    effects.run ?? spawnRunner,
    'Build the current sdists',
    workdir
  )
}

const nameOf = (sdist: PackageIdentity) => normalizeName(sdist.name)

/**
 * The current sdists a `packages` selection names: by normalised name, or by a glob of the name or of
 * the file's path. A selector that matches nothing is an error, so a typo cannot silently skip a package.
 */
function selectPackages(
  sdists: PackageIdentity[],
  selectors: string[],
  cwd: string
): PackageIdentity[] {
  if (!selectors.length) return sdists
  const matches = (selector: string, sdist: PackageIdentity) => {
    const name = nameOf(sdist)
    if (normalizeName(selector) === name) return true
    const glob = picomatch(selector, { dot: true })
    return glob(name) || glob(relative(cwd, sdist.file)) || glob(sdist.file)
  }
  for (const selector of selectors) {
    if (!sdists.some(sdist => matches(selector, sdist)))
      throw new Error(
        `packages: "${selector}" matches none of the current sdists (${sdists.map(nameOf).join(', ') || 'none'})`
      )
  }
  return sdists.filter(sdist => selectors.some(selector => matches(selector, sdist)))
}

function refuseDuplicateNames(sdists: PackageIdentity[]): void {
  const seen = new Map<string, string>()
  for (const sdist of sdists) {
    const other = seen.get(nameOf(sdist))
    if (other)
      throw new Error(
        `current: ${other} and ${sdist.file} are both sdists of ${nameOf(sdist)}; give one per package`
      )
    seen.set(nameOf(sdist), sdist.file)
  }
}

/** For specs that name files (paths, a URL, a git ref), every previous sdist by normalised name. */
async function previousByName(
  resolution: Resolution,
  current: PackageIdentity[]
): Promise<{ sdists: Map<string, PackageIdentity>; wheels: WheelName[] } | undefined> {
  const { spec, sources, effects, options, cwd } = resolution
  let files: string[]
  if (spec.kind === 'files') files = await expandPaths(spec.patterns, cwd, 'previous')
  else if (spec.kind === 'url') files = [await downloadUrl(resolution, spec.url)]
  else if (spec.kind === 'git') {
    files = await buildGitRef(
      spec.ref,
      cwd,
      sources.buildCommand || DEFAULT_BUILD_COMMAND,
      effects.run ?? spawnRunner,
      resolution.workdir
    )
  } else return undefined
  const wheels = namedWheels(files.filter(isWheelFile), 'previous')
  const sdists = await Promise.all(
    files.filter(file => !isWheelFile(file)).map(file => identify(file, options.readLimits))
  )
  const [only] = sdists
  if (sdists.length === 1 && current.length === 1 && only && current[0]) {
    // One of each: pair them even if the name changed, so that name-changed can say so.
    return { sdists: new Map([[nameOf(current[0]), only]]), wheels }
  }
  return { sdists: new Map(sdists.map(sdist => [nameOf(sdist), sdist])), wheels }
}

async function downloadUrl(resolution: Resolution, url: string): Promise<string> {
  const parsed = new URL(url)
  const sha256 = sha256FromFragment(parsed)
  parsed.hash = ''
  const filename = decodeURIComponent(parsed.pathname.split('/').pop() ?? 'previous.tar.gz')
  return downloadArchive(
    { url: parsed.href, filename, ...(sha256 && { sha256 }) },
    resolution.workdir,
    downloadOptions(resolution)
  )
}

async function planPackage(
  resolution: Resolution,
  current: PackageIdentity,
  byName: Map<string, PackageIdentity> | undefined
): Promise<PackagePlan> {
  const { name, version } = current
  const named = (previous?: PackageIdentity) => {
    const sides = {
      ...(current.from === 'file name' && { current }),
      ...(previous?.from === 'file name' && { previous })
    }
    return Object.keys(sides).length ? { named: sides } : {}
  }
  if (byName) {
    const previous = byName.get(normalizeName(name))
    return previous
      ? { current: current.file, previous: previous.file, ...named(previous) }
      : { current: current.file, newPackage: `no previous sdist of ${name} was given`, ...named() }
  }
  const fromIndex = await fetchPreviousFromIndex(resolution, name, version)
  const { repository } = resolution.sources.provenance ?? {}
  const provenance = {
    ...(typeof fromIndex !== 'string' && { previous: fromIndex.provenance }),
    ...(repository && { repository })
  }
  return typeof fromIndex === 'string'
    ? { current: current.file, newPackage: fromIndex, ...named() }
    : {
        current: current.file,
        previous: fromIndex.path,
        indexRelease: { version: fromIndex.version, files: fromIndex.files },
        provenance,
        ...named()
      }
}

/** The previous sdist from the index, or the reason there is none (a new package). */
async function fetchPreviousFromIndex(
  resolution: Resolution,
  name: string,
  version: string
): Promise<{ path: string; version: string; files: IndexFile[]; provenance: Provenance } | string> {
  const { indexUrl, indexShown, spec, effects, options } = resolution
  // The sdist names its project: a Name that is a URL or a path must not pick the host or the page.
  if (!isValidName(name))
    return `its Name "${name}" is not a valid project name (PEP 508), so it was not looked up on the index`
  const files = await listProjectFiles(indexUrl, name, options.retry, effects.fetch)
  if (!files) return `not on the index ${indexShown} yet: a new package, nothing to compare`
  const sdists = sdistsOf(files, name)
  const chosen =
    spec.kind === 'version'
      ? findVersion(sdists, spec.version)
      : choosePreviousRelease(sdists, version)
  if (!chosen && spec.kind === 'version') {
    const known = sdists.map(s => s.version).join(', ') || 'none'
    throw new Error(
      `previous: ${name} ${spec.version} has no sdist on ${indexShown} (sdists there: ${known})`
    )
  }
  if (!chosen) return `no release before ${version} on the index ${indexShown}: nothing to compare`
  effects.log?.(`${name}: comparing with ${chosen.filename} from ${indexShown}`)
  return {
    path: await downloadArchive(chosen, resolution.workdir, downloadOptions(resolution)),
    version: chosen.version,
    files,
    provenance: await fetchProvenance(chosen, options.retry, effects.fetch)
  }
}
