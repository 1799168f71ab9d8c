import type { Finding } from '../judge/finding.js'
import { riskRank, SEVERITIES } from '../judge/severity.js'
import { countFindings, packageFindings } from '../report/counts.js'
import { reportOf } from '../report/dependency-reports.js'
import type { DependencyChange, Report, RunReport } from '../report/types.js'
import { codeSpan, htmlText, markdownText, oneLine } from './escape.js'
import { countsLabel, plural, RISK_ICON } from './labels.js'
import { renderMarkdown, type MarkdownDetail } from './markdown.js'
import { renderText } from './text.js'

/** The riskiest change first, then by name: what a reviewer of a grouped update reads top down. */
function ordered(run: RunReport): DependencyChange[] {
  return [...(run.dependencies ?? [])].sort(
    (a, b) => riskRank(b.risk) - riskRank(a.risk) || a.name.localeCompare(b.name)
  )
}

/** The change's own findings with its release's (and that release's wheels'), open ones only. */
function openFindings(change: DependencyChange, report: Report | undefined): Finding[] {
  return [...change.findings, ...(report ? packageFindings(report) : [])].filter(f => !f.accepted)
}

function topFinding(findings: Finding[]): Finding | undefined {
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity)
  return [...findings].sort((a, b) => rank(b) - rank(a))[0]
}

/** Versions as shown: cut, as names are (`shownName`), so that one row cannot fill a comment. */
function versions(change: DependencyChange): { from?: string; to?: string } {
  return {
    ...(change.previous && { from: cut(change.previous.version, SHOWN_VERSION) }),
    ...(change.current && { to: cut(change.current.version, SHOWN_VERSION) })
  }
}

/**
 * A name as the table, the summaries and the text show it: a lockfile's name can be any length, and a
 * row longer than the comment would cut every row after it.
 */
const shownName = (change: DependencyChange) => cut(change.name, SHOWN_NAME)

function markdownVersions(change: DependencyChange): string {
  const { from, to } = versions(change)
  if (from && to) return `${codeSpan(from)} → ${codeSpan(to)}`
  return to ? `${codeSpan(to)} (added)` : `${codeSpan(from ?? '')} (removed)`
}

function textVersions(change: DependencyChange): string {
  const { from, to } = versions(change)
  if (from && to) return `${from} -> ${to}`
  return to ? `${to} (added)` : `${from ?? ''} (removed)`
}

/** The table of every changed pin, then each judged release's report folded below it. */
export function renderDependenciesMarkdown(run: RunReport, detail: MarkdownDetail): string {
  const changes = ordered(run)
  const rows = changes.map(change => {
    const report = reportOf(run, change)
    const top = topFinding(openFindings(change, report))
    const finding = top
      ? `${top.severity} ${codeSpan(top.rule)}: ${markdownText(cut(top.message))}`
      : change.current
        ? 'none'
        : 'no longer pinned'
    return `| ${codeSpan(shownName(change))} | ${markdownVersions(change)} | ${RISK_ICON[change.risk]} ${change.risk} | ${finding} |`
  })
  const folded = changes.flatMap(change => {
    const report = reportOf(run, change)
    const own = change.findings.filter(f => !f.accepted)
    if (!report && !own.length) return []
    const summary = `${shownName(change)} ${textVersions(change)}: risk ${change.risk}, ${countsLabel(countFindings([...change.findings, ...(report ? packageFindings(report) : [])]))}`
    return [
      `<details><summary>${htmlText(summary)}</summary>`,
      '',
      ...own.map(
        f =>
          `- **${f.severity}** ${codeSpan(f.rule)}: ${markdownText(cut(f.message, MESSAGE_FOLDED))}`
      ),
      ...(own.length ? [''] : []),
      ...(report ? [renderMarkdown(report, detail)] : []),
      '</details>',
      ''
    ]
  })
  return [
    `## ${RISK_ICON[run.risk]} sdist-diff: dependency changes, risk **${run.risk}** across ${plural(changes.length, 'package')}`,
    '',
    changes.length
      ? '| Package | Version | Risk | Top finding |\n|---|---|---|---|\n' + rows.join('\n')
      : 'No pinned dependency changed.',
    '',
    ...folded
  ].join('\n')
}

export function renderDependenciesText(run: RunReport): string {
  const changes = ordered(run)
  const lines = [
    `sdist-diff: dependency changes, risk ${run.risk.toUpperCase()} across ${plural(changes.length, 'package')}`,
    ...changes.map(change => {
      const report = reportOf(run, change)
      const top = topFinding(openFindings(change, report))
      const what = top ? `${top.severity} ${top.rule}: ${cut(top.message)}` : ''
      return oneLine(
        `  ${change.risk.padEnd(6)}  ${shownName(change)} ${textVersions(change)}${what ? `  ${what}` : ''}`
      )
    }),
    ''
  ]
  const reports = changes.flatMap(change => {
    const report = reportOf(run, change)
    const own = change.findings.map(
      f => `  ${f.severity.padEnd(6)}  ${oneLine(f.rule).padEnd(26)}  ${oneLine(f.message)}`
    )
    return [
      ...(own.length ? [`${oneLine(shownName(change))}:`, ...own, ''] : []),
      ...(report ? [renderText(report)] : [])
    ]
  })
  return [lines.join('\n'), ...reports].join('\n')
}

const MESSAGE_IN_TABLE = 160
/** A message of a lockfile's hostile name may hold it twice: bounded too. */
const MESSAGE_FOLDED = 1000
const SHOWN_NAME = 100
const SHOWN_VERSION = 60
function cut(text: string, max = MESSAGE_IN_TABLE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
