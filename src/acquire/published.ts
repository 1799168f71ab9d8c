import { normalizeName } from '../packaging/names.js'
import { isPure } from '../packaging/wheel-tags.js'
import { compareVersions, isPrerelease, normalizeVersion } from '../packaging/version.js'
import { choosePreviousRelease, findVersion, sdistsOf, type IndexSdist } from './choose-previous.js'
import { downloadArchive } from './download.js'
import { downloadOptions, type ResolveEffects, type ResolveOptions } from './resolve.js'
import { wheelName, type WheelName } from './sdist-filename.js'
import { listProjectFiles, type IndexFile } from './simple-index.js'
import { withoutCredentials } from './credentials.js'
import { fetchProvenance, type Provenance } from './provenance.js'

/** Two published releases of a project, as `sdist-diff NAME==OLD NAME==NEW` names them. */
export interface PublishedRequest {
  name: string
  /** Absent: the release before `current` on the index. */
  previous?: string
  /** Absent: the latest final release. */
  current?: string
  indexUrl: string
  /** Only the current release's files, to be judged alone (a dependency just added): no previous. */
  alone?: boolean
}

/** The current release's files, downloaded, and the previous release's version to compare them with. */
export interface PublishedRelease {
  /** The downloaded files, and each one's provenance by its path. */
  current: { version: string; files: string[]; provenance: Record<string, Provenance> }
  /** Undefined when the current release is to be judged alone. */
  previous?: string
}

export class PublishedReleaseError extends Error {}

/**
 * Finds both releases on the index and downloads the current one's sdist and the wheels the previous
 * release can be compared with (the same tags, or pure); the previous release's files are fetched by
 * the release form itself (`previous` as a version).
 */
export async function fetchPublishedRelease(
  request: PublishedRequest,
  options: ResolveOptions,
  effects: ResolveEffects,
  workdir: string
): Promise<PublishedRelease> {
  const shown = withoutCredentials(request.indexUrl)
  const files = await listProjectFiles(request.indexUrl, request.name, options.retry, effects.fetch)
  if (!files) throw new PublishedReleaseError(`${request.name} is not on the index ${shown}`)
  const sdists = sdistsOf(files, request.name)
  const current = request.current
    ? versionOn(sdists, request.current, request.name, shown)
    : latestRelease(sdists, request.name, shown)
  const fetchFiles = (wanted: IndexFile[]) =>
    downloadWithProvenance(wanted, options, effects, workdir)
  if (request.alone) {
    const pure = wheelsOf(files, request.name, current.version).filter(w =>
      w.named.tags.every(isPure)
    )
    const fetched = await fetchFiles([current, ...pure.map(({ file }) => file)])
    return { current: { version: current.version, ...fetched } }
  }
  const previous = request.previous
    ? versionOn(sdists, request.previous, request.name, shown)
    : choosePreviousRelease(sdists, current.version)
  if (!previous)
    throw new PublishedReleaseError(
      `${request.name} ${current.version} has no release before it on ${shown}: name the other one (${request.name}==VERSION)`
    )
  const wheels = comparableWheels(files, request.name, current.version, previous.version)
  const fetched = await fetchFiles([current, ...wheels])
  effects.log?.(
    `${request.name}: comparing ${current.version} with ${previous.version} from ${shown}`
  )
  return { current: { version: current.version, ...fetched }, previous: previous.version }
}

/** Downloads files (hash-verified) and reads each one's provenance. */
async function downloadWithProvenance(
  files: IndexFile[],
  options: ResolveOptions,
  effects: ResolveEffects,
  workdir: string
): Promise<{ files: string[]; provenance: Record<string, Provenance> }> {
  const fetched = await Promise.all(
    files.map(async file => {
      const path = await downloadArchive(file, workdir, downloadOptions({ effects, options }))
      return [path, await fetchProvenance(file, options.retry, effects.fetch)] as const
    })
  )
  return { files: fetched.map(([path]) => path), provenance: Object.fromEntries(fetched) }
}

function versionOn(sdists: IndexSdist[], version: string, name: string, shown: string): IndexSdist {
  const found = findVersion(sdists, version)
  if (found) return found
  const known = sdists.map(s => s.version).join(', ') || 'none'
  throw new PublishedReleaseError(
    `${name} ${version} has no sdist on ${shown} (sdists there: ${known})`
  )
}

/** The highest final release; a project with pre-releases only gets its highest pre-release. */
function latestRelease(sdists: IndexSdist[], name: string, shown: string): IndexSdist {
  const finals = sdists.filter(s => !isPrerelease(s.version))
  const [latest] = (finals.length ? finals : sdists).sort(
    (a, b) => compareVersions(b.version, a.version) ?? 0
  )
  if (!latest) throw new PublishedReleaseError(`${name} has no sdist on ${shown}`)
  return latest
}

/** The current release's wheels whose tags the previous release also has a wheel for, or pure ones. */
function comparableWheels(
  files: IndexFile[],
  name: string,
  current: string,
  previous: string
): IndexFile[] {
  const before = new Set(wheelsOf(files, name, previous).map(({ named }) => named.tags.join('.')))
  return wheelsOf(files, name, current)
    .filter(({ named }) => before.has(named.tags.join('.')) || named.tags.every(isPure))
    .map(({ file }) => file)
}

/** The index's wheels of one version of a project, not yanked. */
function wheelsOf(
  files: IndexFile[],
  name: string,
  version: string
): { file: IndexFile; named: WheelName }[] {
  return files.flatMap(file => {
    const named = file.yanked ? undefined : wheelName(file.filename)
    if (!named || normalizeName(named.name) !== normalizeName(name)) return []
    return normalizeVersion(named.version) === normalizeVersion(version) ? [{ file, named }] : []
  })
}
