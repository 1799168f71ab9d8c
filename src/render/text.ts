import type { Report } from '../report/types.js'
import { oneLine, visibleControls } from './escape.js'
import {
  fileCounts,
  fileRows,
  findingCounts,
  isWheelReport,
  summarisedLine,
  type FileRow
} from './labels.js'

const INFO_SHOWN = 10

const MARK: Record<FileRow['kind'], string> = {
  added: 'A',
  removed: 'D',
  renamed: 'R',
  modified: 'M',
  mode: 'P',
  type: 'T'
}

/** One line of the title; names, versions and file names come from the archives. */
export function textTitle(report: Report): string {
  return oneLine(rawTitle(report))
}

function rawTitle({ previous, current }: Report): string {
  if (isWheelReport(current))
    return previous ? `${current.filename} vs ${previous.filename}` : current.filename
  if (!previous) return `${current.name} ${current.version} (new package)`
  const name = previous.name === current.name ? current.name : `${previous.name} -> ${current.name}`
  return `${name} ${previous.version} -> ${current.version}`
}

/**
 * The terminal report: verdict and findings first, then the file list, then the diffs. Every text from
 * an archive is escaped to one line (see oneLine), so no file name or message can start a report line.
 */
export function renderText(report: Report): string {
  const lines = [
    `${isWheelReport(report.current) ? 'wheel' : 'sdist-diff'}: risk ${report.risk.toUpperCase()}  ${textTitle(report)}`,
    `${findingCounts(report)}; files: ${fileCounts(report)}`
  ]
  const open = report.findings.filter(f => !f.accepted)
  const important = open.filter(f => f.severity !== 'info')
  const info = open.filter(f => f.severity === 'info')
  const shown = [...important, ...info.slice(0, INFO_SHOWN)]
  if (shown.length) lines.push('', 'Findings:')
  for (const f of shown)
    lines.push(`  ${f.severity.padEnd(6)}  ${oneLine(f.rule).padEnd(26)}  ${oneLine(f.message)}`)
  if (info.length > INFO_SHOWN) lines.push(`  … and ${info.length - INFO_SHOWN} more info findings`)
  const accepted = report.findings.filter(f => f.accepted)
  if (accepted.length) lines.push('', 'Accepted (not counted in the risk):')
  for (const f of accepted)
    lines.push(
      `  ${f.severity.padEnd(6)}  ${oneLine(f.rule).padEnd(26)}  ${oneLine(f.message)} (accepted: ${oneLine(f.accepted ?? '')})`
    )
  const rows = fileRows(report)
  if (rows.length) lines.push('', 'Files:')
  for (const row of rows) {
    const path = row.from ? `${row.from} -> ${row.path}` : row.path
    lines.push(`  ${MARK[row.kind]} ${oneLine(path)}`)
  }
  for (const diff of report.diffs) {
    const path = `${diff.oldPath === undefined ? '' : `${diff.oldPath} -> `}${diff.path}`
    lines.push('', `== ${oneLine(path)}`)
    if (diff.note) lines.push(`(${oneLine(diff.note)})`)
    if (diff.patch) lines.push(diff.patch)
  }
  const summarised = summarisedLine(report.diffs, oneLine)
  if (summarised) lines.push('', summarised)
  const wheels = (report.wheels ?? []).map(wheel => `\n${renderText(wheel).trimEnd()}`)
  return visibleControls([lines.join('\n'), ...wheels].join('\n')) + '\n'
}
