import * as core from '@actions/core'
import type { CommentAction } from '../decide/decide.js'
import { commentMarker } from '../render/comment.js'
import { describeApiError } from './api-errors.js'
import { postingIdentity } from './identity.js'
import { ApiUnreachable, budgetReason, type ApiSession, type Octokit } from './octokit.js'
import { targetPullRequests, type RunContext } from './pull-requests.js'
import { findStickyComment, upsertStickyComment } from './sticky-comment.js'

export interface CommentRequest {
  octokit: Octokit
  context: RunContext
  /** Its budget ends the whole step: requests in flight are aborted, and the step gives up with a warning. */
  session: ApiSession
  action: CommentAction
  key: string
  body: string
  prNumber?: number
  /**
   * mode: publish: the commit the report is of. The comment is posted only while the pull request's head
   * is still this commit, so a report cannot be posted on another pull request or a newer push.
   */
  headSha?: string
}

/**
 * Posts or updates the sticky comment on every target pull request. Never fails the step and never
 * outlives its budget: an API error becomes one warning saying why, and the report (written before)
 * stays in the job summary.
 * @returns the URL of the last comment written, or undefined
 */
export async function publishComment(request: CommentRequest): Promise<string | undefined> {
  if (request.action === 'skip') return undefined
  try {
    return await Promise.race([commentOnTargets(request), budgetEnd(request.session)])
  } catch (error) {
    const { context } = request
    core.warning(
      `sdist-diff: ${describeApiError(error, {
        apiUrl: context.apiUrl,
        repository: `${context.repo.owner}/${context.repo.repo}`,
        fromFork: isFromFork(context),
        ...(request.prNumber !== undefined && { prNumber: request.prNumber })
      })}`
    )
    return undefined
  }
}

async function commentOnTargets(request: CommentRequest): Promise<string | undefined> {
  const targets = await targetPullRequests(request.octokit, request.context, request.prNumber)
  if ('skip' in targets) {
    core.notice(`sdist-diff: no pull request comment: ${targets.skip}`)
    return undefined
  }
  if (request.headSha !== undefined) {
    const mismatch = await headMismatch(request, targets.numbers, request.headSha)
    if (mismatch) {
      core.warning(`sdist-diff: not posting: ${mismatch}`)
      return undefined
    }
  }
  const author = await postingIdentity(request.octokit)
  let url: string | undefined
  for (const issueNumber of targets.numbers)
    url = (await commentOn(issueNumber, author, request)) ?? url
  return url
}

async function commentOn(
  issueNumber: number,
  author: string,
  request: CommentRequest
): Promise<string | undefined> {
  const { octokit } = request
  const target = {
    ...request.context.repo,
    issueNumber,
    author,
    marker: commentMarker(request.key)
  }
  if (request.action === 'refresh' && !(await findStickyComment(octokit, target))) {
    core.info(`sdist-diff: comment: nothing to report on #${issueNumber}`)
    return undefined
  }
  const result = await upsertStickyComment(octokit, { ...target, body: request.body })
  core.info(`sdist-diff: ${result.action} the comment on #${issueNumber}: ${result.url}`)
  return result.url
}

/** Why the report must not be posted on these pull requests, or undefined when their head is `sha`. */
async function headMismatch(
  request: CommentRequest,
  numbers: number[],
  sha: string
): Promise<string | undefined> {
  for (const number of numbers) {
    const { data } = await request.octokit.rest.pulls.get({
      ...request.context.repo,
      pull_number: number
    })
    if (data.head.sha !== sha)
      return `pull request #${number}'s head is ${data.head.sha.slice(0, 12)}, not the reported commit ${sha.slice(0, 12)}`
  }
  return undefined
}

function budgetEnd(session: ApiSession): Promise<never> {
  return new Promise((_, reject) => {
    const stop = () => reject(new ApiUnreachable(budgetReason(session)))
    if (session.budget.aborted) stop()
    else session.budget.addEventListener('abort', stop, { once: true })
  })
}

function isFromFork(context: RunContext): boolean {
  const head = context.payload.pull_request?.head?.repo as { full_name?: string } | undefined
  return (
    head?.full_name !== undefined && head.full_name !== `${context.repo.owner}/${context.repo.repo}`
  )
}
