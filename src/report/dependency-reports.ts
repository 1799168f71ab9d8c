import { normalizeName } from '../packaging/names.js'
import { normalizeVersion } from '../packaging/version.js'
import type { DependencyChange, Report, RunReport } from './types.js'

/** The release report a dependency change was judged by: same project, its current (pinned) version. */
export function isReleaseOf(report: Report, change: DependencyChange): boolean {
  if (!change.current) return false
  return (
    normalizeName(report.current.name) === normalizeName(change.name) &&
    normalizeVersion(report.current.version) === normalizeVersion(change.current.version)
  )
}

/** The release report of each dependency change, or undefined where none was judged (removed, failed). */
export function reportOf(run: RunReport, change: DependencyChange): Report | undefined {
  return run.packages.find(report => isReleaseOf(report, change))
}
