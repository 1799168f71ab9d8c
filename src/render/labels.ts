import type { FileDiff } from '../compare/file-diff.js'
import { plural } from '../util/words.js'
import type { Report, ArchiveSummary } from '../report/types.js'
import { SEVERITIES, type Risk } from '../judge/severity.js'
import { countFindings, type FindingCounts } from '../report/counts.js'

export const RISK_ICON: Record<Risk, string> = {
  none: '🟢',
  info: '🔵',
  low: '🟡',
  medium: '🟠',
  high: '🔴'
}

export { plural }

/** "3 findings (1 high, 2 info)" */
export function findingCounts(report: Report): string {
  return countsLabel(countFindings(report.findings))
}

export function countsLabel({ open, accepted, bySeverity }: FindingCounts): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter(s => bySeverity[s])
    .map(s => `${bySeverity[s]} ${s}`)
  return (
    plural(open, 'finding') +
    (parts.length ? ` (${parts.join(', ')})` : '') +
    (accepted ? `, ${accepted} accepted` : '')
  )
}

/** "0 added, 0 removed, 4 modified, 15 unchanged" (zero counts of rarer changes left out). */
export function fileCounts(report: Report): string {
  const { files } = report
  const parts = [
    `${files.added.length} added`,
    `${files.removed.length} removed`,
    `${files.modified.length} modified`
  ]
  if (files.renamed.length) parts.push(`${files.renamed.length} renamed`)
  if (files.modeChanged.length) parts.push(`${files.modeChanged.length} mode changed`)
  if (files.typeChanged.length) parts.push(`${files.typeChanged.length} type changed`)
  parts.push(`${files.unchanged} unchanged`)
  return parts.join(', ')
}

export type FileChangeKind = 'added' | 'removed' | 'modified' | 'renamed' | 'mode' | 'type'

export interface FileRow {
  kind: FileChangeKind
  path: string
  from?: string
  /** For a rename with edits: the percent of lines kept. */
  similarity?: number
}

/** Every changed file as one row, in the order a reviewer reads them. */
export function fileRows(report: Report): FileRow[] {
  const { files } = report
  return [
    ...files.added.map(path => ({ kind: 'added' as const, path })),
    ...files.removed.map(path => ({ kind: 'removed' as const, path })),
    ...files.renamed.map(r => ({
      kind: 'renamed' as const,
      path: r.to,
      from: r.from,
      ...(r.similarity !== undefined && { similarity: r.similarity })
    })),
    ...files.modified.map(path => ({ kind: 'modified' as const, path })),
    ...files.modeChanged.map(path => ({ kind: 'mode' as const, path })),
    ...files.typeChanged.map(path => ({ kind: 'type' as const, path }))
  ]
}

/** A wheel's report (a release's wheel under its sdist, or a wheel pair) is named by its file. */
export function isWheelReport(current: ArchiveSummary): boolean {
  return current.filename.endsWith('.whl')
}

const SUMMARISED_NAMED = 20

/**
 * The sentence naming the files whose diffs the run's budget left out, or undefined when none was;
 * `name` writes one path for the format.
 */
export function summarisedLine(
  diffs: FileDiff[],
  name: (path: string) => string
): string | undefined {
  const paths = diffs.filter(diff => diff.summarised).map(diff => diff.path)
  if (paths.length === 0) return undefined
  const named = paths.slice(0, SUMMARISED_NAMED).map(name).join(', ')
  const more = paths.length > SUMMARISED_NAMED ? ` and ${paths.length - SUMMARISED_NAMED} more` : ''
  const files = paths.length === 1 ? '1 file' : `${paths.length} files`
  return `${files} summarised, not diffed (the run’s diff budget was spent): ${named}${more}`
}
