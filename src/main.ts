import * as core from '@actions/core'
import * as github from '@actions/github'
import { resolve } from 'node:path'
import { execRunner } from './action/exec-runner.js'
import { readInputs, type Inputs } from './action/inputs.js'
import { toolCacheForSdists } from './action/sdist-cache.js'
import { decide, type Decision } from './decide/decide.js'
import type { FileListChange } from './decide/expected-files.js'
import { loadConfig } from './judge/config.js'
import { DEFAULT_STAGE_OPTIONS, runPipeline } from './pipeline/index.js'
import { publishComment } from './publish/comment-step.js'
import { apiLimitsFromEnv, makeOctokit, startApiSession } from './publish/octokit.js'
import { writeReportFile } from './publish/report-file.js'
import { writeSummary } from './publish/summary.js'
import { defaultCommentKey, renderComment, unexpectedFilesSection } from './render/comment.js'
import type { RunReport } from './report/types.js'

/** The Action: read inputs → run the pipeline → decide → outputs, summary, comment, exit code. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    if (inputs.githubToken) core.setSecret(inputs.githubToken)
    const report = await compare(inputs)
    const decision = decide(report, inputs)
    const unexpected = decision.declared
      ? unexpectedFilesSection(decision.unexpected, decision.unexpectedFails)
      : ''
    setOutputs(report, await writeReportFile(report), decision.unexpected)
    if (decision.declared) annotate(decision.unexpected, decision.unexpectedFails)
    if (inputs.summary) await writeSummary(report, unexpected)
    core.setOutput('comment-url', (await comment(inputs, report, decision, unexpected)) ?? '')
    if (decision.failures.length) core.setFailed(`sdist-diff: ${decision.failures.join('; ')}`)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

async function compare(inputs: Inputs): Promise<RunReport> {
  const judge = await loadConfig(resolve(inputs.config), inputs.configExplicit)
  const cache = toolCacheForSdists()
  return runPipeline(
    {
      kind: 'release',
      current: inputs.current,
      ...(inputs.previous !== undefined && { previous: inputs.previous }),
      ...(inputs.indexUrl !== undefined && { indexUrl: inputs.indexUrl }),
      ...(inputs.buildCommand !== undefined && { buildCommand: inputs.buildCommand }),
      workingDirectory: resolve(inputs.workingDirectory)
    },
    { ...DEFAULT_STAGE_OPTIONS, judge },
    { run: execRunner, ...(cache && { cache }), log: message => core.info(message) }
  )
}

async function comment(
  inputs: Inputs,
  report: RunReport,
  decision: Decision,
  unexpected: string
): Promise<string | undefined> {
  if (decision.comment === 'skip') return undefined
  if (!inputs.githubToken) {
    core.warning(
      'sdist-diff: no github-token, so no pull request comment; the report is in the job summary'
    )
    return undefined
  }
  const key = inputs.commentKey ?? defaultCommentKey(report)
  const context = readRunContext()
  const session = startApiSession(apiLimitsFromEnv(process.env))
  return publishComment({
    octokit: makeOctokit(inputs.githubToken, context.apiUrl, session),
    context,
    apiUrl: context.apiUrl,
    session,
    action: decision.comment,
    key,
    body: renderComment(report, { key, unexpected, fullReportHint: fullReportHint() }),
    ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber })
  })
}

/** @actions/github reads its context once, at import; a fresh one reads this run's environment. */
function readRunContext(): typeof github.context {
  return new (github.context.constructor as new () => typeof github.context)()
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
