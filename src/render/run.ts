import type { RunReport } from '../report/types.js'
import { renderJson } from './json.js'
import { countsLabel, plural, RISK_ICON } from './labels.js'
import { countFindings, packageFindings } from '../report/counts.js'
import { codeSpan } from './escape.js'
import { cutAtLines } from './cut.js'
import { FULL_DETAIL, renderMarkdown, type MarkdownDetail } from './markdown.js'
import { renderText, textTitle } from './text.js'
import type { Format } from './index.js'
import { renderDependenciesMarkdown, renderDependenciesText } from './dependencies.js'

/** A release of one package reads like the pair report; several get a verdict and a table on top. */
export function renderRun(run: RunReport, format: Format): string {
  if (format === 'json') return renderJson(run)
  if (format === 'markdown') return renderRunMarkdown(run)
  if (run.dependencies) return renderDependenciesText(run)
  if (run.packages.length === 1 && run.packages[0]) return renderText(run.packages[0])
  return runText(run)
}

export function renderRunMarkdown(
  run: RunReport,
  detail: MarkdownDetail = { ...FULL_DETAIL }
): string {
  if (run.dependencies) return renderDependenciesMarkdown(run, detail)
  if (run.packages.length === 1 && run.packages[0]) return renderMarkdown(run.packages[0], detail)
  const rows = run.packages.map(report => {
    const versions = report.previous
      ? `${codeSpan(report.previous.version)} → ${codeSpan(report.current.version)}`
      : `${codeSpan(report.current.version)} (new)`
    return `| ${codeSpan(report.current.name)} | ${versions} | ${RISK_ICON[report.risk]} ${report.risk} | ${countsLabel(countFindings(packageFindings(report)))} |`
  })
  return [
    `## ${RISK_ICON[run.risk]} sdist-diff: risk **${run.risk}** across ${plural(run.packages.length, 'package')}`,
    '',
    '| Package | Versions | Risk | Findings |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...run.packages.map(report => renderMarkdown(report, detail))
  ].join('\n')
}

/**
 * The richest rendering that fits in `limit` (measured by `measure`: characters for a comment, bytes for
 * the job summary): everything; then every finding and file row with as many diffs as the room left
 * holds; then fewer file rows; then fewer findings. The verdict always stays.
 */
export function renderRunMarkdownWithin(
  run: RunReport,
  limit: number,
  fullReportHint: string,
  prefix = '',
  measure: (text: string) => number = text => text.length
): string {
  prefix = boundedPrefix(prefix, limit, measure)
  const room = limit - measure(prefix)
  const render = (level: Omit<MarkdownDetail, 'fullReportHint' | 'measure'>) =>
    renderRunMarkdown(run, { ...level, measure, fullReportHint })
  const full = render({ diffRoom: Infinity, fileRows: Infinity, findings: Infinity })
  if (measure(full) <= room) return prefix + full
  // Diffs fill the room the rest leaves (less a margin for the note on what was left out).
  const withoutDiffs = render({ diffRoom: 0, fileRows: Infinity, findings: Infinity })
  const levels: Omit<MarkdownDetail, 'fullReportHint' | 'measure'>[] = [
    { diffRoom: room - measure(withoutDiffs) - 500, fileRows: Infinity, findings: Infinity },
    { diffRoom: 0, fileRows: 50, findings: Infinity },
    { diffRoom: 0, fileRows: 0, findings: 100 },
    { diffRoom: 0, fileRows: 0, findings: 10 }
  ]
  let text = ''
  for (const level of levels) {
    text = render(level)
    if (measure(text) <= room) return prefix + text
  }
  const note = (leftOut: string) =>
    `\n_Report cut to fit GitHub's size limit (left out: ${leftOut}). ${fullReportHint}_\n`
  // Room is kept for the longest list of what was left out (four counts and their words).
  const cut = cutAtLines(text, room - measure(note('')) - 160, measure)
  return prefix + cut.text + note(cut.leftOut)
}

/**
 * The part before the report (the marker, the unexpected-files table) gets at most a quarter of the
 * room, cut at lines like the rest, so that it cannot push the report out.
 */
function boundedPrefix(prefix: string, limit: number, measure: (text: string) => number): string {
  const max = Math.floor(limit / 4)
  if (measure(prefix) <= max) return prefix
  const note = "_The list above was cut to fit GitHub's size limit._\n\n"
  const cut = cutAtLines(prefix, max - measure(note), measure)
  return `${cut.text}${note}`
}

function runText(run: RunReport): string {
  const lines = [
    `sdist-diff: risk ${run.risk.toUpperCase()} across ${plural(run.packages.length, 'package')}`,
    ...run.packages.map(
      r =>
        `  ${r.risk.padEnd(6)}  ${textTitle(r)}  (${countsLabel(countFindings(packageFindings(r)))})`
    ),
    ''
  ]
  return [lines.join('\n'), ...run.packages.map(renderText)].join('\n')
}
