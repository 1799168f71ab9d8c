import type { FileDiff } from '../compare/file-diff.js'
import type { Report } from '../report/types.js'
import type { Finding } from '../judge/types.js'
import { codeFence, codeSpan, htmlText, markdownText } from './escape.js'
import { glanceTable } from './glance-table.js'
import {
  RISK_ICON,
  fileCounts,
  fileRows,
  findingCounts,
  isWheelReport,
  plural,
  summarisedLine,
  type FileRow
} from './labels.js'

/** File rows shown before the rest fold into a `<details>`, so the diffs are not pushed out of view. */
const FILE_ROWS_SHOWN = 10

/**
 * How much detail to render, so that a report can be fitted to GitHub's size limits by dropping detail
 * in steps. `diffRoom` is a budget (in `measure` units) shared by every package rendered with the same
 * object.
 */
export interface MarkdownDetail {
  diffRoom: number
  fileRows: number
  findings: number
  /** How size is counted: characters (a comment), or UTF-8 bytes (the job summary). */
  measure?: (text: string) => number
  /** Where the full report is, for the notes on what was left out. */
  fullReportHint: string
}

export const FULL_DETAIL: MarkdownDetail = {
  diffRoom: Infinity,
  fileRows: Infinity,
  findings: Infinity,
  fullReportHint: ''
}

const lengthOf = (text: string) => text.length

export function renderMarkdown(
  report: Report,
  detail: MarkdownDetail = { ...FULL_DETAIL }
): string {
  return [verdict(report), body(report, detail), wheelsSection(report.wheels ?? [], detail)]
    .filter(section => section !== '')
    .join('\n\n')
    .concat('\n')
}

/** Everything under a verdict: the glance table, findings, accepted changes, files and diffs. */
function body(report: Report, detail: MarkdownDetail): string {
  return [
    glanceTable(report),
    findingsSection(
      report.findings.filter(f => !f.accepted),
      detail
    ),
    acceptedSection(report.findings.filter(f => f.accepted)),
    filesSection(report, detail),
    diffsSection(report.diffs, detail)
  ]
    .filter(section => section !== '')
    .join('\n\n')
}

/** The release's wheels under their sdist, each folded behind its verdict. */
function wheelsSection(wheels: Report[], detail: MarkdownDetail): string {
  if (!wheels.length) return ''
  const folded = wheels.map(wheel => {
    const summary = `${RISK_ICON[wheel.risk]} risk <b>${wheel.risk}</b> — ${htmlTitle(wheel)} · ${htmlText(findingCounts(wheel))}`
    return details(summary, body(wheel, detail), true)
  })
  return [`#### Wheels (${wheels.length})`, '', ...folded].join('\n')
}

function htmlTitle({ previous, current }: Report): string {
  const code = (text: string) => `<code>${htmlText(text)}</code>`
  return previous
    ? `${code(current.filename)} vs ${code(previous.filename)}`
    : `${code(current.filename)}`
}

export function verdict(report: Report): string {
  return [
    `### ${RISK_ICON[report.risk]} sdist-diff: risk **${report.risk}** — ${markdownTitle(report)}`,
    '',
    `${findingCounts(report)} · files: ${fileCounts(report)}`
  ].join('\n')
}

/** "`demo` `1.0` → `1.1`", or "`demo` `1.0` (new package)". */
export function markdownTitle({ previous, current }: Report): string {
  if (isWheelReport(current))
    return previous
      ? `${codeSpan(current.filename)} vs ${codeSpan(previous.filename)}`
      : codeSpan(current.filename)
  if (!previous) return `${codeSpan(current.name)} ${codeSpan(current.version)} (new package)`
  const name =
    previous.name === current.name
      ? codeSpan(current.name)
      : `${codeSpan(previous.name)} → ${codeSpan(current.name)}`
  return `${name} ${codeSpan(previous.version)} → ${codeSpan(current.version)}`
}

function leftOut(count: number, what: string, detail: MarkdownDetail): string {
  const where = detail.fullReportHint ? ` ${detail.fullReportHint}` : ''
  return `_${count} ${what} left out to fit GitHub's size limit.${where}_`
}

function findingsSection(all: Finding[], detail: MarkdownDetail): string {
  if (all.length === 0) return ''
  const findings = all.slice(0, detail.findings)
  const main = findings.filter(f => f.severity !== 'info')
  const info = findings.filter(f => f.severity === 'info')
  const lines = ['#### Findings']
  if (main.length) lines.push('', findingTable(main))
  if (info.length) lines.push('', details(plural(info.length, 'info finding'), findingTable(info)))
  if (all.length > findings.length)
    lines.push('', leftOut(all.length - findings.length, 'findings', detail))
  return lines.join('\n')
}

/** Intended changes the maintainers accepted, each with their reason; they do not count toward the risk. */
function acceptedSection(accepted: Finding[]): string {
  if (accepted.length === 0) return ''
  return [
    '#### Accepted',
    '',
    '| Severity | Rule | Finding | Reason |',
    '|---|---|---|---|',
    ...accepted.map(
      f =>
        `| ${RISK_ICON[f.severity]} ${f.severity} | ${codeSpan(f.rule)} | ${markdownText(f.message)} | ${markdownText(f.accepted ?? '')} |`
    )
  ].join('\n')
}

function findingTable(findings: Finding[]): string {
  return [
    '| Severity | Rule | Finding |',
    '|---|---|---|',
    ...findings.map(
      f =>
        `| ${RISK_ICON[f.severity]} ${f.severity} | ${codeSpan(f.rule)} | ${markdownText(f.message)} |`
    )
  ].join('\n')
}

const ROW_LABEL: Record<FileRow['kind'], string> = {
  added: '➕ added',
  removed: '➖ removed',
  renamed: '➡️ renamed',
  modified: '✏️ modified',
  mode: '🔐 mode changed',
  type: '🔀 type changed'
}

function filesSection(report: Report, detail: MarkdownDetail): string {
  if (!report.previous) return ''
  const rows = fileRows(report)
  if (rows.length === 0) {
    return `#### Files\n\nNo file was added, removed or changed (${report.files.unchanged} unchanged).`
  }
  if (detail.fileRows === 0) return `#### Files\n\n${leftOut(rows.length, 'file rows', detail)}`
  const shown = rows.slice(0, detail.fileRows)
  const [first, rest] = [shown.slice(0, FILE_ROWS_SHOWN), shown.slice(FILE_ROWS_SHOWN)]
  const more = rest.length
    ? `\n\n${details(`${plural(rest.length, 'more file')}`, fileTable(rest))}`
    : ''
  const cut =
    rows.length > shown.length
      ? `\n\n${leftOut(rows.length - shown.length, 'more file rows', detail)}`
      : ''
  return `#### Files\n\n${fileTable(first)}${more}${cut}\n\n${report.files.unchanged} files unchanged.`
}

function fileTable(rows: FileRow[]): string {
  return [
    '| Change | Path |',
    '|---|---|',
    ...rows.map(row => {
      const path = row.from ? `${codeSpan(row.from)} → ${codeSpan(row.path)}` : codeSpan(row.path)
      const similar = row.similarity === undefined ? '' : ` (${row.similarity}% of lines kept)`
      return `| ${ROW_LABEL[row.kind]}${similar} | ${path} |`
    })
  ].join('\n')
}

function diffsSection(diffs: FileDiff[], detail: MarkdownDetail): string {
  if (diffs.length === 0) return ''
  const rendered: string[] = []
  const summarised = summarisedLine(diffs, codeSpan)
  if (summarised) {
    const line = `_${summarised}_\n`
    detail.diffRoom -= (detail.measure ?? lengthOf)(line)
    rendered.push(line)
  }
  const shown = new Map<string, string>()
  for (const diff of diffs) {
    // PKG-INFO and *.egg-info/PKG-INFO usually change alike: the second is not shown twice.
    const body = diff.patch?.split('\n').slice(2).join('\n')
    const same = body ? shown.get(body) : undefined
    if (body && !same) shown.set(body, diff.path)
    const text = same ? renderSameDiff(diff, same) : renderDiff(diff)
    const size = (detail.measure ?? lengthOf)(text)
    if (size > detail.diffRoom) break
    detail.diffRoom -= size
    rendered.push(text)
  }
  const omitted = diffs.length - rendered.length + (summarised ? 1 : 0)
  if (omitted) rendered.push(leftOut(omitted, 'diffs', detail))
  return ['#### Diffs', '', ...rendered].join('\n')
}

function renderSameDiff(diff: FileDiff, as: string): string {
  return details(`<code>${htmlText(diff.path)}</code>`, `_same change as ${codeSpan(as)}_`, true)
}

export function renderDiff(diff: FileDiff): string {
  const stats = diff.patch ? ` (${patchStats(diff.patch)})` : ''
  const path = diff.oldPath === undefined ? diff.path : `${diff.oldPath} → ${diff.path}`
  const summary = `<code>${htmlText(path)}</code>${stats}`
  const parts: string[] = []
  if (diff.note) parts.push(`_${markdownText(diff.note)}_`)
  if (diff.patch) parts.push(codeFence(diff.patch, 'diff'))
  if (!diff.patch) {
    parts.push(
      `size ${diff.oldSize} → ${diff.newSize} bytes, SHA-256 ${codeSpan(diff.oldSha256.slice(0, 12))} → ${codeSpan(diff.newSha256.slice(0, 12))}`
    )
  }
  return details(summary, parts.join('\n\n'), true)
}

function details(summary: string, body: string, summaryIsHtml = false): string {
  const label = summaryIsHtml ? summary : htmlText(summary)
  return `<details><summary>${label}</summary>\n\n${body}\n\n</details>\n`
}

function patchStats(patch: string): string {
  let added = 0
  let removed = 0
  for (const line of patch.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added++
    else if (line.startsWith('-') && !line.startsWith('---')) removed++
  }
  return `+${added} −${removed}`
}
