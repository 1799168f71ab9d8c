import * as core from '@actions/core'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execRunner } from './action/exec-runner.js'
import { readInputs, type Inputs } from './action/inputs.js'
import { toolCacheForSdists } from './action/sdist-cache.js'
import { loadConfig } from './judge/config.js'
import {
  parseExpectedChanges,
  unexpectedFileChanges,
  type FileListChange
} from './decide/expected-files.js'
import { publishComment } from './publish/comment-step.js'
import { checkRelease, type RunReport } from './pipeline/release.js'
import { defaultCommentKey, renderComment, unexpectedFilesSection } from './render/comment.js'
import { renderRun, renderRunMarkdownWithin } from './render/run.js'
import { DEFAULT_REPORT_OPTIONS } from './report/build.js'
import { reachesThreshold } from './report/severity.js'
import { writeFileAtomic } from './publish/write-file-atomic.js'

/** GitHub drops a step summary over 1 MiB. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024

interface Outcome {
  report: RunReport
  unexpected: string
}

/** The Action: inputs → acquire and compare every package → outputs, comment, summary and exit code. */
export async function run(): Promise<void> {
  let outcome: Outcome | undefined
  let wantSummary = true
  try {
    const inputs = readInputs()
    if (inputs.githubToken) core.setSecret(inputs.githubToken)
    wantSummary = inputs.summary
    const report = await compare(inputs)
    const reportPath = await writeReport(report)
    const unexpected = unexpectedFileChanges(
      report,
      parseExpectedChanges(inputs.expectedFileChanges)
    )
    const failingOnFiles = inputs.failOnUnexpectedFiles && unexpected.length > 0
    const declared = inputs.failOnUnexpectedFiles || inputs.expectedFileChanges.trim() !== ''
    outcome = {
      report,
      unexpected: declared ? unexpectedFilesSection(unexpected, failingOnFiles) : ''
    }
    setOutputs(report, reportPath, unexpected)
    if (declared) annotate(unexpected, failingOnFiles)
    const commentUrl = await publishComment({
      run: report,
      mode: inputs.comment,
      key: inputs.commentKey ?? defaultCommentKey(report),
      body: renderComment(report, {
        key: inputs.commentKey ?? defaultCommentKey(report),
        unexpected: outcome.unexpected,
        fullReportHint: fullReportHint()
      }),
      ...(inputs.githubToken && { token: inputs.githubToken }),
      ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber })
    })
    core.setOutput('comment-url', commentUrl ?? '')
    const reasons = failureReasons(inputs, report, failingOnFiles ? unexpected.length : 0)
    if (reasons.length) core.setFailed(`sdist-diff: ${reasons.join('; ')}`)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    if (outcome && wantSummary) await writeSummary(outcome)
  }
}

async function compare(inputs: Inputs): Promise<RunReport> {
  const judge = await loadConfig(resolve(inputs.config), inputs.configExplicit)
  const cache = toolCacheForSdists()
  return checkRelease({
    current: inputs.current,
    ...(inputs.previous !== undefined && { previous: inputs.previous }),
    ...(inputs.indexUrl !== undefined && { indexUrl: inputs.indexUrl }),
    ...(inputs.buildCommand !== undefined && { buildCommand: inputs.buildCommand }),
    workingDirectory: resolve(inputs.workingDirectory),
    report: { ...DEFAULT_REPORT_OPTIONS, judge },
    run: execRunner,
    ...(cache && { cache }),
    log: message => core.info(message)
  })
}

function setOutputs(report: RunReport, reportPath: string, unexpected: FileListChange[]): void {
  const findings = report.packages.reduce((sum, p) => sum + p.findings.length, 0)
  core.setOutput('risk', report.risk)
  core.setOutput('findings-count', String(findings))
  core.setOutput('report-path', reportPath)
  core.setOutput('unexpected-files', JSON.stringify(unexpected))
  core.info(
    `sdist-diff: risk ${report.risk}; ${findings} findings in ${report.packages.length} package(s); report at ${reportPath}`
  )
}

function annotate(unexpected: FileListChange[], failing: boolean): void {
  for (const change of unexpected.slice(0, 50)) {
    const message = `${change.package}: ${change.path} was ${change.change} and no expected-file-changes glob covers it`
    const properties = { title: 'sdist-diff: unexpected file-list change' }
    if (failing) core.error(message, properties)
    else core.warning(message, properties)
  }
}

function failureReasons(inputs: Inputs, report: RunReport, unexpectedCount: number): string[] {
  const reasons: string[] = []
  if (reachesThreshold(report.risk, inputs.failOn))
    reasons.push(`risk ${report.risk} reaches fail-on ${inputs.failOn}`)
  if (unexpectedCount)
    reasons.push(`${unexpectedCount} unexpected file-list change(s) (fail-on-unexpected-files)`)
  return reasons
}

function fullReportHint(): string {
  const {
    GITHUB_SERVER_URL: server,
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: runId
  } = process.env
  const summary =
    server && repository && runId
      ? `[job summary](${server}/${repository}/actions/runs/${runId})`
      : 'job summary'
  return `The full report is in the ${summary} and in the JSON report (\`report-path\` output).`
}

async function writeReport(report: RunReport): Promise<string> {
  const folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'sdist-diff-'))
  const path = join(folder, 'sdist-diff-report.json')
  await writeFileAtomic(path, renderRun(report, 'json'))
  return path
}

async function writeSummary({ report, unexpected }: Outcome): Promise<void> {
  try {
    let limit = SUMMARY_LIMIT_BYTES - 1024
    let text = ''
    do {
      text = renderRunMarkdownWithin(
        report,
        limit,
        'The full report is in the JSON report (`report-path` output).',
        unexpected
      )
      limit = Math.floor(limit * 0.75)
    } while (Buffer.byteLength(text) > SUMMARY_LIMIT_BYTES - 1024)
    await core.summary.addRaw(text).write()
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : error}`
    )
  }
}
