import { clean, compare, explain, valid } from '@renovatebot/pep440'

export function isValidVersion(version: string): boolean {
  return valid(version) !== null
}

/** The PEP 440 normal form (`1.0.0-RC1` → `1.0.0rc1`), or the input when it is not a valid version. */
export function normalizeVersion(version: string): string {
  return clean(version) ?? version
}

/** PEP 440 ordering; undefined when either side is not a valid version. */
export function compareVersions(a: string, b: string): number | undefined {
  if (!isValidVersion(a) || !isValidVersion(b)) return undefined
  return Math.sign(compare(a, b))
}

export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease ?? false
}

/** A maintainer's word for a version step, e.g. "the next pre-release of 24.3.0". */
export function describeVersionStep(previous: string, current: string): string {
  const before = explain(previous)
  const after = explain(current)
  if (!before || !after) return 'a version change'
  if (before.base_version === after.base_version) {
    if (after.is_prerelease && !after.is_devrelease)
      return `the next pre-release of ${after.base_version}`
    if (after.is_devrelease) return `the next development release of ${after.base_version}`
    if (before.is_prerelease) return `the final release of ${after.base_version}`
    if (after.is_postrelease) return `a post-release of ${after.base_version}`
    return 'a re-release of the same version'
  }
  const kind = releaseKind(before.release, after.release)
  return after.is_prerelease ? `a pre-release of the next ${kind} release` : `a ${kind} release`
}

function releaseKind(before: number[], after: number[]): string {
  if ((after[0] ?? 0) !== (before[0] ?? 0)) return 'major'
  if ((after[1] ?? 0) !== (before[1] ?? 0)) return 'minor'
  return 'patch'
}
