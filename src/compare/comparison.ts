import type { ReleaseProvenance } from '../acquire/provenance.js'
import type { ReleaseTag } from '../packaging/release-tag.js'
import type { Archive } from '../read/types.js'
import { readPackageMetadata, type PackageMetadata } from '../read/package-metadata.js'
import { compareDependencies, type DependencyChange } from './dependencies.js'
import { compareFiles, type FileChanges } from './file-changes.js'
import { diffEntries, type ChangedSpans, type DiffLimits, type FileDiff } from './file-diff.js'
import { DiffBudget } from './line-diff.js'
import type { SourceComparison } from './source.js'
import { alignWheelFolders } from './wheel-folders.js'

/** What the read stage hands on: the current sdist, and the previous one or why there is none. */
export type ReadPackage = (
  | { current: Archive; previous: Archive }
  | { current: Archive; previous?: undefined; newPackage: string }
) & {
  /** For a wheel of a release: the sdist of the same release, which the wheel must agree with. */
  ownSdist?: OwnSdist
  /** For a wheel of a release: the tags of all the release's wheels of the package. */
  releaseTags?: string[]
  /** For an sdist whose release has wheels: the tags its wheels cover, and the previous release's. */
  releaseWheels?: ReleaseWheels
  /** Who published each side, where the index says (PEP 740). */
  provenance?: ReleaseProvenance
  /** `current` is a wheel of a release that publishes no sdist; the previous release's, when it had one. */
  withoutSdist?: WithoutSdist
}

export interface WithoutSdist {
  previousSdist?: string
  /** No previous release was asked for: the release is judged alone. */
  judgedAlone?: boolean
}

/** A wheel's own sdist, read and compared with the previous release before the wheel. */
export interface OwnSdist {
  archive: Archive
  /** What the sdist's comparison found of its files. */
  files: FileChanges
}

export interface ReleaseWheels {
  previous: string[]
  current: string[]
}

/** The current sdist on its own, which single-archive rules read. */
export interface CurrentArchive {
  archive: Archive
  metadata: PackageMetadata
  /** Set when there is no previous release, saying why. */
  newPackage?: string
  /** The sdist against the commit it was built from (filled in when the source check is on). */
  source?: SourceComparison
  /** The release tag that speaks for this package (a tag push, or a tag on HEAD). */
  tag?: ReleaseTag
  /** For a wheel: the sdist of the same release and its metadata. */
  ownSdist?: {
    archive: Archive
    metadata: PackageMetadata
    previousWheel?: Archive
    /** What the sdist's comparison found of its files. */
    files: FileChanges
  }
  /** For an sdist whose release has wheels: the tags they cover, and the previous release's wheels'. */
  releaseWheels?: ReleaseWheels
  /** Who published each side, where the index says (PEP 740). */
  provenance?: ReleaseProvenance
  /** The archive is a wheel of a release that publishes no sdist. */
  withoutSdist?: WithoutSdist
}

/** Two releases side by side, which pair rules read and never change. */
export interface ArchivePair {
  previous: Archive
  current: Archive
  files: FileChanges
  metadata: { previous: PackageMetadata; current: PackageMetadata }
  dependencies: DependencyChange[]
  /** The previous release against the tree of its version's tag, when the repository has one. */
  previousAtTag?: SourceComparison
  /** For a wheel of a release: the tags of all the release's wheels, which together serve installs. */
  releaseTags?: string[]
}

/** The compare stage's output: the current sdist, the pair when there is a previous one, and diffs. */
export interface Comparison {
  current: CurrentArchive
  pair?: ArchivePair
  diffs: FileDiff[]
  /** Where each modified text file changed, by path (see ChangedSpans); files not diffed are absent. */
  changedSpans?: Map<string, ChangedSpans>
}

export const NO_FILE_CHANGES: FileChanges = {
  added: [],
  removed: [],
  modified: [],
  renamed: [],
  modeChanged: [],
  typeChanged: [],
  unchanged: 0
}

/** `budget` is the run's, when several pairs share one (see DiffLimits.runWork). */
export function compareArchives(
  read: ReadPackage,
  limits: DiffLimits,
  budget = new DiffBudget(limits.runWork)
): Comparison {
  const current = readPackageMetadata(read.current)
  const single = {
    archive: read.current,
    metadata: current,
    ...(read.ownSdist && {
      ownSdist: {
        archive: read.ownSdist.archive,
        metadata: readPackageMetadata(read.ownSdist.archive),
        files: read.ownSdist.files,
        ...(read.previous && { previousWheel: read.previous })
      }
    }),
    ...(read.releaseWheels && { releaseWheels: read.releaseWheels }),
    ...(read.provenance && { provenance: read.provenance }),
    ...(read.withoutSdist && { withoutSdist: read.withoutSdist }),
    ...(read.previous === undefined && { newPackage: read.newPackage })
  }
  if (read.previous === undefined) return { current: single, diffs: [] }
  const pair = {
    ...comparePair(alignWheelFolders(read.previous, read.current), read.current, current),
    ...(read.releaseTags && { releaseTags: read.releaseTags })
  }
  const changedSpans = new Map<string, ChangedSpans>()
  const diffs = [
    ...pair.files.modified
      .filter(path => !isRecord(path))
      .map(path =>
        diffEntries(
          entry(pair.previous, path),
          entry(pair.current, path),
          limits,
          budget,
          changedSpans
        )
      ),
    ...pair.files.renamed
      .filter(rename => rename.similarity !== undefined)
      .map(({ from, to }) =>
        diffEntries(entry(pair.previous, from), entry(pair.current, to), limits, budget)
      )
  ]
  return { current: single, pair, diffs, changedSpans }
}

/** A wheel's RECORD changes with every file it lists; its diff would repeat the file list. */
const isRecord = (path: string) => /\.dist-info\/RECORD$/.test(path)

/** File list, metadata on both sides, dependency delta. */
export function comparePair(
  previous: Archive,
  current: Archive,
  currentMetadata: PackageMetadata = readPackageMetadata(current)
): ArchivePair {
  const metadata = { previous: readPackageMetadata(previous), current: currentMetadata }
  return {
    previous,
    current,
    files: compareFiles(previous, current),
    metadata,
    dependencies: compareDependencies(metadata.previous, metadata.current)
  }
}

function entry(sdist: Archive, path: string) {
  const found = sdist.entries.get(path)
  if (!found) throw new Error(`internal: ${path} missing from ${sdist.file}`)
  return found
}
