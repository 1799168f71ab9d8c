import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pLimit from 'p-limit'
import {
  buildSdists,
  DEFAULT_BUILD_COMMAND,
  spawnRunner,
  type CommandRunner
} from '../acquire/build.js'
import { choosePreviousRelease, findVersion, sdistsOf } from '../acquire/choose-previous.js'
import { downloadSdist, type SdistCache } from '../acquire/download.js'
import { expandPaths } from '../acquire/expand-paths.js'
import { buildGitRef } from '../acquire/git-ref.js'
import { retryPolicyFromEnv, type RetryPolicy } from '../acquire/http.js'
import { parsePreviousSpec, type PreviousSpec } from '../acquire/previous-spec.js'
import { DEFAULT_INDEX_URL, listProjectFiles } from '../acquire/simple-index.js'
import { normalizeName } from '../packaging/names.js'
import {
  buildNewPackageReport,
  buildReport,
  DEFAULT_REPORT_OPTIONS,
  type Report,
  type ReportOptions
} from '../report/build.js'
import { readPackageIdentity } from '../read/identity.js'
import { readSdist, readSdistPair } from '../read/read-archive.js'
import { METADATA_ONLY } from '../read/text-retention.js'
import type { Sdist } from '../read/types.js'
import { highestRisk, type Risk } from '../report/severity.js'

/** The JSON report of a whole release: one CLI-shaped report per package, the highest risk on top. */
export interface RunReport {
  schemaVersion: 1
  risk: Risk
  packages: Report[]
}

export interface ReleaseOptions {
  /** Paths or globs of the current sdists; empty: build them with `buildCommand`. */
  current: string[]
  /** '' (the release before on the index), a version, a path or glob, a URL, or `git:<ref>`. */
  previous?: string
  indexUrl?: string
  buildCommand?: string
  workingDirectory?: string
  /** How many packages are compared at once. */
  concurrency?: number
  report?: ReportOptions
  run?: CommandRunner
  cache?: SdistCache
  retry?: RetryPolicy
  log?: (message: string) => void
}

interface Context {
  options: ReleaseOptions
  spec: PreviousSpec
  indexUrl: string
  workdir: string
  log: (message: string) => void
}

/** acquire both sides of every package, then compare each pair concurrently. */
export async function checkRelease(given: ReleaseOptions): Promise<RunReport> {
  const options = { ...given, retry: given.retry ?? retryPolicyFromEnv(process.env) }
  const workdir = await mkdtemp(join(tmpdir(), 'sdist-diff-run-'))
  try {
    const context: Context = {
      options,
      spec: parsePreviousSpec(options.previous),
      indexUrl: options.indexUrl || DEFAULT_INDEX_URL,
      workdir,
      log: options.log ?? (() => undefined)
    }
    const limit = pLimit(options.concurrency ?? 4)
    const current = await Promise.all(
      (await currentFiles(options, workdir)).map(file =>
        limit(() => readMetadataOnly(file, options))
      )
    )
    refuseDuplicateNames(current)
    const previous = await previousByName(context, current)
    const packages = await Promise.all(
      current.map(sdist => limit(() => comparePackage(context, sdist, previous)))
    )
    return { schemaVersion: 1, risk: highestRisk(packages.map(p => p.risk)), packages }
  } finally {
    await rm(workdir, { recursive: true, force: true })
  }
}

async function currentFiles(options: ReleaseOptions, workdir: string): Promise<string[]> {
  const cwd = options.workingDirectory ?? process.cwd()
  if (options.current.length) return expandPaths(options.current, cwd, 'current')
  return buildSdists(
    options.buildCommand || DEFAULT_BUILD_COMMAND,
    cwd,
    options.run ?? spawnRunner,
    'Build the current sdists',
    workdir
  )
}

function refuseDuplicateNames(sdists: Sdist[]): void {
  const seen = new Map<string, string>()
  for (const sdist of sdists) {
    const key = normalizeName(readPackageIdentity(sdist).name)
    const other = seen.get(key)
    if (other)
      throw new Error(
        `current: ${other} and ${sdist.file} are both sdists of ${key}; give one per package`
      )
    seen.set(key, sdist.file)
  }
}

/** For specs that name files (paths, a URL, a git ref), every previous sdist by normalised name. */
async function previousByName(
  context: Context,
  current: Sdist[]
): Promise<Map<string, Sdist> | undefined> {
  const { spec, options } = context
  const cwd = options.workingDirectory ?? process.cwd()
  let files: string[]
  if (spec.kind === 'files') files = await expandPaths(spec.patterns, cwd, 'previous')
  else if (spec.kind === 'url') files = [await downloadUrl(context, spec.url)]
  else if (spec.kind === 'git') {
    files = await buildGitRef(
      spec.ref,
      cwd,
      options.buildCommand || DEFAULT_BUILD_COMMAND,
      options.run ?? spawnRunner,
      context.workdir
    )
  } else return undefined
  const sdists = await Promise.all(files.map(file => readMetadataOnly(file, options)))
  if (sdists.length === 1 && current.length === 1 && sdists[0]) {
    // One of each: pair them even if the name changed, so that name-changed can say so.
    return new Map([[normalizeName(readPackageIdentity(current[0] as Sdist).name), sdists[0]]])
  }
  return new Map(sdists.map(sdist => [normalizeName(readPackageIdentity(sdist).name), sdist]))
}

async function downloadUrl(context: Context, url: string): Promise<string> {
  const parsed = new URL(url)
  const sha256 = /(?:^|&)sha256=([0-9a-f]{64})/i.exec(parsed.hash.slice(1))?.[1]?.toLowerCase()
  parsed.hash = ''
  const filename = decodeURIComponent(parsed.pathname.split('/').pop() ?? 'previous.tar.gz')
  return downloadSdist(
    { url: parsed.href, filename, ...(sha256 && { sha256 }) },
    context.workdir,
    context.options
  )
}

async function comparePackage(
  context: Context,
  current: Sdist,
  byName: Map<string, Sdist> | undefined
): Promise<Report> {
  const reportOptions = context.options.report ?? DEFAULT_REPORT_OPTIONS
  const { name, version } = readPackageIdentity(current)
  if (byName) {
    const previous = byName.get(normalizeName(name))
    if (!previous)
      return buildNewPackageReport(
        current,
        `no previous sdist of ${name} was given`,
        reportOptions.judge
      )
    return comparePair(previous.file, current.file, reportOptions)
  }
  const fromIndex = await fetchPreviousFromIndex(context, name, version)
  if (typeof fromIndex === 'string')
    return buildNewPackageReport(current, fromIndex, reportOptions.judge)
  return comparePair(fromIndex.path, current.file, reportOptions)
}

/** Reads both sides again, together, so that only the content a diff needs stays in memory. */
async function comparePair(
  previous: string,
  current: string,
  options: ReportOptions
): Promise<Report> {
  const [before, after] = await readSdistPair(previous, current, options.readLimits)
  return buildReport(before, after, options)
}

/** The first read of each sdist only names and pairs packages: content other than metadata is dropped. */
function readMetadataOnly(file: string, options: ReleaseOptions): Promise<Sdist> {
  return readSdist(file, options.report?.readLimits, { keeper: METADATA_ONLY, side: 0 })
}

/** The previous sdist from the index, or the reason there is none (a new package). */
async function fetchPreviousFromIndex(
  context: Context,
  name: string,
  version: string
): Promise<{ path: string } | string> {
  const { indexUrl, spec } = context
  const files = await listProjectFiles(indexUrl, name, context.options.retry)
  if (!files) return `not on the index ${indexUrl} yet: a new package, nothing to compare`
  const sdists = sdistsOf(files, name)
  const chosen =
    spec.kind === 'version'
      ? findVersion(sdists, spec.version)
      : choosePreviousRelease(sdists, version)
  if (!chosen && spec.kind === 'version') {
    const known = sdists.map(s => s.version).join(', ') || 'none'
    throw new Error(
      `previous: ${name} ${spec.version} has no sdist on ${indexUrl} (sdists there: ${known})`
    )
  }
  if (!chosen) return `no release before ${version} on the index ${indexUrl}: nothing to compare`
  context.log(`${name}: comparing with ${chosen.filename} from ${indexUrl}`)
  return { path: await downloadSdist(chosen, context.workdir, context.options) }
}
