import type { RunReport } from '../release.js'
import { plural, RISK_ICON } from './labels.js'
import { codeSpan } from './escape.js'
import { renderMarkdown } from './markdown.js'
import { renderText, textTitle } from './text.js'
import type { Format } from './index.js'

/** A release of one package reads like the pair report; several get a verdict and a table on top. */
export function renderRun(run: RunReport, format: Format): string {
  if (format === 'json') return JSON.stringify(run, null, 2) + '\n'
  if (run.packages.length === 1 && run.packages[0]) {
    return format === 'markdown' ? renderMarkdown(run.packages[0]) : renderText(run.packages[0])
  }
  return format === 'markdown' ? runMarkdown(run) : runText(run)
}

function runMarkdown(run: RunReport): string {
  const rows = run.packages.map(report => {
    const versions = report.previous
      ? `${codeSpan(report.previous.version)} → ${codeSpan(report.current.version)}`
      : `${codeSpan(report.current.version)} (new)`
    return `| ${codeSpan(report.current.name)} | ${versions} | ${RISK_ICON[report.risk]} ${report.risk} | ${report.findings.length} |`
  })
  return [
    `## ${RISK_ICON[run.risk]} sdist-diff: risk **${run.risk}** across ${plural(run.packages.length, 'package')}`,
    '',
    '| Package | Versions | Risk | Findings |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...run.packages.map(renderMarkdown)
  ].join('\n')
}

function runText(run: RunReport): string {
  const lines = [
    `sdist-diff: risk ${run.risk.toUpperCase()} across ${plural(run.packages.length, 'package')}`,
    ...run.packages.map(
      r => `  ${r.risk.padEnd(6)}  ${textTitle(r)}  (${plural(r.findings.length, 'finding')})`
    ),
    ''
  ]
  return [lines.join('\n'), ...run.packages.map(renderText)].join('\n')
}
