import type { ReleaseProvenance } from './provenance.js'
import type { IndexFile } from './simple-index.js'

/** One archive of the release, and the previous one it is compared with or why there is none. */
export type ArchivePlan =
  | { current: string; previous: string }
  | { current: string; previous?: undefined; newPackage: string }

/** One package of the release: its current sdist, and the previous one or why there is none. */
export type PackagePlan = ArchivePlan & {
  /** The release's wheels of this package, each with the previous release's matching wheel. */
  wheels?: ArchivePlan[]
  /** The tags of every wheel the previous release has, when it has any. */
  previousWheelTags?: string[]
  /** The tags of every wheel the release has, where the index lists them (more than those compared). */
  currentWheelTags?: string[]
  /**
   * A release that publishes no sdist: `current` is one of its wheels, `wheels` the others compared;
   * the previous release's sdist, when it had one.
   */
  withoutSdist?: { previousSdist?: string; judgedAlone?: boolean }
  /**
   * Identities taken from PEP 625 file names rather than read (so each archive is read once, by the
   * compare stage, which checks them against PKG-INFO).
   */
  named?: { current?: PackageIdentity; previous?: PackageIdentity }
  /** The previous release on the index: its version and every file, where its wheels are found. */
  indexRelease?: { version: string; files: IndexFile[] }
  /** Who published each side, where the index says (PEP 740). */
  provenance?: ReleaseProvenance
}

/** A package's name and version, from its PKG-INFO or its PEP 625 file name. */
export interface PackageIdentity {
  file: string
  name: string
  version: string
  from: 'file name' | 'PKG-INFO'
}
