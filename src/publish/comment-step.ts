import * as core from '@actions/core'
import { RequestError } from '@octokit/request-error'
import type { CommentAction } from '../decide/decide.js'
import { commentMarker } from '../render/comment.js'
import type { Octokit } from './octokit.js'
import { targetPullRequests, type RunContext } from './pull-requests.js'
import { findStickyComment, upsertStickyComment } from './sticky-comment.js'

export interface CommentRequest {
  octokit: Octokit
  context: RunContext
  action: CommentAction
  key: string
  body: string
  prNumber?: number
}

/**
 * Posts or updates the sticky comment on every target pull request. Never fails the step: a read-only
 * token or an API error becomes a warning, and the report stays in the job summary.
 * @returns the URL of the last comment written, or undefined
 */
export async function publishComment(request: CommentRequest): Promise<string | undefined> {
  if (request.action === 'skip') return undefined
  try {
    const targets = await targetPullRequests(request.octokit, request.context, request.prNumber)
    if ('skip' in targets) {
      core.notice(`sdist-diff: no pull request comment: ${targets.skip}`)
      return undefined
    }
    let url: string | undefined
    for (const issueNumber of targets.numbers) url = (await commentOn(issueNumber, request)) ?? url
    return url
  } catch (error) {
    warnAboutApiError(error)
    return undefined
  }
}

async function commentOn(
  issueNumber: number,
  request: CommentRequest
): Promise<string | undefined> {
  const { octokit } = request
  const target = { ...request.context.repo, issueNumber, marker: commentMarker(request.key) }
  if (request.action === 'refresh' && !(await findStickyComment(octokit, target))) {
    core.info(`sdist-diff: comment: nothing to report on #${issueNumber}`)
    return undefined
  }
  const result = await upsertStickyComment(octokit, { ...target, body: request.body })
  core.info(`sdist-diff: ${result.action} the comment on #${issueNumber}: ${result.url}`)
  return result.url
}

function warnAboutApiError(error: unknown): void {
  const status = error instanceof RequestError ? error.status : undefined
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
