import * as core from '@actions/core'
import * as github from '@actions/github'
import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { reviewPullRequestDependencies } from './action/dependency-review.js'
import { execRunner } from './action/exec-runner.js'
import { readInputs, type Inputs } from './action/inputs.js'
import { toolCacheForArchives } from './action/sdist-cache.js'
import { decide, type Decision } from './decide/decide.js'
import type { FileListChange } from './decide/expected-files.js'
import { describeAcceptance } from './judge/acceptance.js'
import { retryPolicyFromEnv } from './acquire/http.js'
import { proxiedFetch, proxySettingsFromEnv } from './acquire/proxy.js'
import { loadConfig } from './config/load-config.js'
import { runRelease, type ReleaseRun } from './pipeline/run-release.js'
import { readLimitsFromEnv } from './read/limits-from-env.js'
import { publishComment } from './publish/comment-step.js'
import type { RunContext } from './publish/pull-requests.js'
import { apiLimitsFromEnv, makeOctokit, startApiSession } from './publish/octokit.js'
import { writeReportFile } from './publish/report-file.js'
import { writeSummary } from './publish/summary.js'
import { defaultCommentKey, renderComment, type UnexpectedFiles } from './render/comment.js'
import { logLine, oneLine } from './render/escape.js'
import { countRun } from './report/counts.js'
import type { RunReport } from './report/types.js'

/**
 * The Action: read inputs → run the pipeline → decide → outputs, summary, comment, exit code. Everything
 * but the comment is written before any GitHub API call, so the API can cost the comment, not the report.
 * mode: report stops before the comment; mode: publish only posts a report a report run wrote.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    if (inputs.githubToken) core.setSecret(inputs.githubToken)
    if (inputs.mode === 'publish') return await publishReport(inputs)
    const context = readRunContext()
    const { report: compared, decision } =
      inputs.compare === 'dependencies'
        ? await reviewPullRequestDependencies(inputs, context)
        : await compare(inputs)
    const report = withPullRequest(compared, inputs.mode, context)
    const unexpected = decision.declared
      ? { changes: decision.unexpected, failing: decision.unexpectedFails }
      : undefined
    setOutputs(report, await writeReportFile(report), decision.unexpected)
    if (decision.declared) annotate(decision.unexpected, decision.unexpectedFails)
    if (inputs.summary) await writeSummary(report, unexpected)
    const commentUrl =
      inputs.mode === 'all'
        ? await comment(inputs, report, decision, unexpected, context)
        : undefined
    core.setOutput('comment-url', commentUrl ?? '')
    if (decision.failures.length) core.setFailed(`sdist-diff: ${decision.failures.join('; ')}`)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/** mode: report on a pull request: the report says which pull request and commit it is of. */
function withPullRequest(report: RunReport, mode: Inputs['mode'], context: RunContext): RunReport {
  const pull = context.payload.pull_request
  const headSha = (pull?.head as { sha?: unknown } | undefined)?.sha
  if (mode !== 'report' || !pull || typeof headSha !== 'string') return report
  return { ...report, pullRequest: { number: pull.number, headSha } }
}

/**
 * mode: publish, from a workflow_run workflow: the report comes from an untrusted run's artifact. It is
 * validated, re-rendered from its data with the usual escaping, and posted only on the pull request it
 * names while that pull request's head is the commit the workflow run ran on.
 */
async function publishReport(inputs: Inputs): Promise<void> {
  const context = readRunContext()
  const run = context.payload.workflow_run as { head_sha?: unknown } | undefined
  if (context.eventName !== 'workflow_run' || typeof run?.head_sha !== 'string')
    throw new Error(
      `mode: publish runs in a workflow_run workflow (this event is ${context.eventName || 'unknown'}); see docs/forks.md`
    )
  const path = resolve(inputs.report ?? '')
  // The schema validator is only needed here: loaded on demand, not at every start.
  const { parseRunReport } = await import('./report/schema.js')
  // Acceptances come from this (the publishing) workflow's config, never from the artifact.
  const judge = await loadConfig(resolve(inputs.config), inputs.configExplicit)
  const report = parseRunReport(
    await readReportFile(path),
    `Input "report" (${path})`,
    judge.accept ?? []
  )
  setOutputs(report, path, [])
  if (inputs.summary) await writeSummary(report)
  const pull = report.pullRequest
  if (!pull || pull.headSha !== run.head_sha) {
    core.warning(
      pull
        ? `sdist-diff: not posting: the report is of commit ${pull.headSha.slice(0, 12)}, the workflow run of ${run.head_sha.slice(0, 12)}`
        : 'sdist-diff: not posting: the report names no pull request (write it with mode: report on a pull_request event)'
    )
    core.setOutput('comment-url', '')
    return
  }
  const decision = decide(report, inputs)
  const url = await comment(
    { ...inputs, prNumber: pull.number },
    report,
    decision,
    undefined,
    context,
    pull.headSha
  )
  core.setOutput('comment-url', url ?? '')
}

/** A report file is small; a huge one is refused before it is read. */
async function readReportFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined)
  if (!info?.isFile()) throw new Error(`Input "report": ${path} does not exist`)
  if (info.size > MAX_REPORT_BYTES)
    throw new Error(`Input "report": ${path} is larger than ${MAX_REPORT_BYTES >> 20} MiB`)
  return readFile(path, 'utf8')
}

const MAX_REPORT_BYTES = 64 << 20

async function compare(inputs: Inputs): Promise<ReleaseRun> {
  const cache = toolCacheForArchives()
  const proxied = proxiedFetch(proxySettingsFromEnv(process.env))
  const run = await runRelease(
    {
      sources: {
        kind: 'release',
        current: inputs.current,
        ...(inputs.packages.length && { packages: inputs.packages }),
        ...(inputs.previous !== undefined && { previous: inputs.previous }),
        ...(inputs.indexUrl !== undefined && { indexUrl: inputs.indexUrl }),
        ...(inputs.buildCommand !== undefined && { buildCommand: inputs.buildCommand }),
        workingDirectory: resolve(inputs.workingDirectory),
        ...(process.env.GITHUB_REPOSITORY && {
          provenance: { repository: process.env.GITHUB_REPOSITORY }
        })
      },
      config: { path: resolve(inputs.config), explicit: inputs.configExplicit },
      sourceCheck: {
        mode: inputs.sourceCheck,
        workingDirectory: inputs.workingDirectory,
        current: inputs.current,
        ...(inputs.previous !== undefined && { previous: inputs.previous }),
        ...(process.env.GITHUB_REF && { ref: process.env.GITHUB_REF })
      },
      policy: inputs,
      options: {
        readLimits: readLimitsFromEnv(process.env),
        retry: retryPolicyFromEnv(process.env)
      }
    },
    {
      run: execRunner,
      ...(cache && { cache }),
      ...(proxied && { fetch: proxied }),
      log: message => core.info(logLine(message)),
      notice: message => core.notice(logLine(message))
    }
  )
  for (const stale of run.stale)
    core.warning(
      `sdist-diff: the config accepts ${describeAcceptance(stale)} ("${stale.reason}") but no finding matches it: remove the stale acceptance`
    )
  return run
}

async function comment(
  inputs: Inputs,
  report: RunReport,
  decision: Decision,
  unexpected: UnexpectedFiles | undefined,
  context: RunContext,
  headSha?: string
): Promise<string | undefined> {
  if (decision.comment === 'skip') return undefined
  if (!inputs.githubToken) {
    core.warning(
      'sdist-diff: no github-token, so no pull request comment; the report is in the job summary'
    )
    return undefined
  }
  const key = inputs.commentKey ?? defaultCommentKey(report)
  const session = startApiSession(apiLimitsFromEnv(process.env))
  return publishComment({
    octokit: makeOctokit(inputs.githubToken, context.apiUrl, session),
    context,
    session,
    action: decision.comment,
    key,
    body: renderComment(report, {
      key,
      ...(unexpected && { unexpected }),
      fullReportHint: fullReportHint()
    }),
    ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
    ...(headSha !== undefined && { headSha })
  })
}

/** @actions/github reads its context once, at import; a fresh one reads this run's environment. */
function readRunContext(): RunContext {
  return new (github.context.constructor as new () => typeof github.context)()
}

function setOutputs(report: RunReport, reportPath: string, unexpected: FileListChange[]): void {
  const counts = countRun(report)
  const findings = counts.open + counts.accepted
  core.setOutput('risk', report.risk)
  core.setOutput('findings-count', String(findings))
  core.setOutput('report-path', reportPath)
  core.setOutput('unexpected-files', JSON.stringify(unexpected))
  core.info(
    `sdist-diff: risk ${report.risk}; ${findings} findings in ${report.dependencies ? `${report.dependencies.length} dependency change(s)` : `${report.packages.length} package(s)`}; report at ${reportPath}`
  )
}

function annotate(unexpected: FileListChange[], failing: boolean): void {
  for (const change of unexpected.slice(0, 50)) {
    // A file name cannot break the annotation into lines or carry terminal escapes into the log.
    const message = `${oneLine(change.package)}: ${oneLine(change.path)} was ${change.change} and no expected-file-changes glob covers it`
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
