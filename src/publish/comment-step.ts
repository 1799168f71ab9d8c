import * as core from '@actions/core'
import * as github from '@actions/github'
import type { CommentMode } from '../action/inputs.js'
import type { RunReport } from '../pipeline/release.js'
import type { Report } from '../report/build.js'
import { commentMarker } from '../render/comment.js'
import { makeOctokit, type Octokit } from './octokit.js'
import { targetPullRequests } from './pull-requests.js'
import { findStickyComment, upsertStickyComment } from './sticky-comment.js'

export interface CommentRequest {
  run: RunReport
  mode: CommentMode
  token?: string
  key: string
  body: string
  prNumber?: number
}

/** Every release bumps the version and edits files; a change worth a comment is anything beyond that. */
function changedBeyondTheVersion(report: Report): boolean {
  const { files } = report
  const listChanged =
    files.added.length +
      files.removed.length +
      files.renamed.length +
      files.modeChanged.length +
      files.typeChanged.length >
    0
  return (
    listChanged ||
    report.findings.some(f => f.rule !== 'version-changed' && f.rule !== 'new-package')
  )
}

/** Whether the mode asks for a comment on this report when none exists yet. */
export function wantsComment(mode: CommentMode, run: RunReport): boolean {
  if (mode === 'always') return true
  if (mode === 'on-change') return run.packages.some(changedBeyondTheVersion)
  if (mode === 'on-risk') return run.risk !== 'none' && run.risk !== 'info'
  return false
}

/**
 * Posts or updates the sticky comment on every target pull request. Never fails the step: a read-only
 * token or an API error becomes a warning, and the report stays in the job summary.
 * @returns the URL of the last comment written, or undefined
 */
export async function publishComment(request: CommentRequest): Promise<string | undefined> {
  if (request.mode === 'never') return undefined
  if (!request.token) {
    core.warning(
      'sdist-diff: no github-token, so no pull request comment; the report is in the job summary'
    )
    return undefined
  }
  try {
    const octokit = makeOctokit(request.token)
    const targets = await targetPullRequests(octokit, github.context, request.prNumber)
    if ('skip' in targets) {
      core.notice(`sdist-diff: no pull request comment: ${targets.skip}`)
      return undefined
    }
    let url: string | undefined
    for (const issueNumber of targets.numbers)
      url = (await commentOn(octokit, issueNumber, request)) ?? url
    return url
  } catch (error) {
    warnAboutApiError(error)
    return undefined
  }
}

async function commentOn(
  octokit: Octokit,
  issueNumber: number,
  request: CommentRequest
): Promise<string | undefined> {
  const target = { ...github.context.repo, issueNumber, marker: commentMarker(request.key) }
  if (!wantsComment(request.mode, request.run) && !(await findStickyComment(octokit, target))) {
    core.info(`sdist-diff: comment: ${request.mode} and nothing to report on #${issueNumber}`)
    return undefined
  }
  const result = await upsertStickyComment(octokit, { ...target, body: request.body })
  core.info(`sdist-diff: ${result.action} the comment on #${issueNumber}: ${result.url}`)
  return result.url
}

function warnAboutApiError(error: unknown): void {
  const status = (error as { status?: number }).status
  const message = error instanceof Error ? error.message : String(error)
  if (status === 403 || status === 404) {
    core.warning(
      `sdist-diff: the token cannot write pull request comments here (HTTP ${status}: ${message}). ` +
        'On pull requests from forks the token is read-only; the report is in the job summary. ' +
        'Elsewhere, give the job `permissions: pull-requests: write`.'
    )
    return
  }
  core.warning(
    `sdist-diff: could not write the pull request comment (${status ? `HTTP ${status}: ` : ''}${message}); the report is in the job summary`
  )
}
