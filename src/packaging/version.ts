import { clean, compare, explain } from '@renovatebot/pep440'

/**
 * A PEP 440 version, the way `packaging.version.Version` holds one. Parsing and ordering come from
 * @renovatebot/pep440; this adds the typed parts the packaging model needs.
 */
export class Version {
  private constructor(
    /** The normal form (`1.0.0-RC1` → `1.0.0rc1`). */
    readonly text: string,
    readonly epoch: number,
    readonly release: readonly number[],
    readonly isPrerelease: boolean,
    readonly isDevrelease: boolean,
    readonly isPostrelease: boolean,
    readonly local: string | undefined,
    /** `1!2.0` of `1!2.0rc1.post3+abc`. */
    readonly baseVersion: string,
    /** Where the version sorts against its own final release: `1.0rc1` below `1.0`, `1.0.post1` above. */
    readonly side: 'below' | 'at' | 'above'
  ) {}

  static parse(text: string): Version | undefined {
    const parts = explain(text.trim())
    const normal = clean(text.trim())
    if (!parts || normal === null) return undefined
    return new Version(
      normal,
      parts.epoch,
      parts.release,
      parts.is_prerelease,
      parts.is_devrelease,
      parts.is_postrelease,
      parts.local ?? undefined,
      parts.base_version,
      parts.post !== null ? 'above' : parts.pre !== null || parts.dev !== null ? 'below' : 'at'
    )
  }

  /** A final release: a release segment only (no pre, post, dev or local part). */
  get isFinal(): boolean {
    return (
      !this.isPrerelease && !this.isDevrelease && !this.isPostrelease && this.local === undefined
    )
  }

  compare(other: Version): number {
    return Math.sign(compare(this.text, other.text))
  }

  equals(other: Version): boolean {
    return this.compare(other) === 0
  }

  toString(): string {
    return this.text
  }
}

export function isValidVersion(version: string): boolean {
  return Version.parse(version) !== undefined
}

/** The PEP 440 normal form (`1.0.0-RC1` → `1.0.0rc1`), or the input when it is not a valid version. */
export function normalizeVersion(version: string): string {
  return Version.parse(version)?.text ?? version
}

/** PEP 440 ordering; undefined when either side is not a valid version. */
export function compareVersions(a: string, b: string): number | undefined {
  const left = Version.parse(a)
  const right = Version.parse(b)
  return left && right ? left.compare(right) : undefined
}

export function isPrerelease(version: string): boolean {
  return Version.parse(version)?.isPrerelease ?? false
}

/** A maintainer's word for a version step, e.g. "the next pre-release of 24.3.0". */
export function describeVersionStep(previous: string, current: string): string {
  const before = Version.parse(previous)
  const after = Version.parse(current)
  if (!before || !after) return 'a version change'
  const step = versionStep(before, after)
  return after.local === undefined
    ? step
    : `${step}, with a local version label (+${after.local}) that public indexes refuse`
}

function versionStep(before: Version, after: Version): string {
  if (before.epoch !== after.epoch)
    return `an epoch change (${before.epoch}! → ${after.epoch}!): every version of epoch ${after.epoch} sorts after all of epoch ${before.epoch}`
  if (before.baseVersion === after.baseVersion) {
    if (after.isPrerelease && !after.isDevrelease)
      return `the next pre-release of ${after.baseVersion}`
    if (after.isDevrelease) return `the next development release of ${after.baseVersion}`
    if (before.isPrerelease) return `the final release of ${after.baseVersion}`
    if (after.isPostrelease) return `a post-release of ${after.baseVersion}`
    return 'a re-release of the same version'
  }
  const kind = releaseKind(before.release, after.release)
  return after.isPrerelease ? `a pre-release of the next ${kind} release` : `a ${kind} release`
}

function releaseKind(before: readonly number[], after: readonly number[]): string {
  if ((after[0] ?? 0) !== (before[0] ?? 0)) return 'major'
  if ((after[1] ?? 0) !== (before[1] ?? 0)) return 'minor'
  return 'patch'
}
