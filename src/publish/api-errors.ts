import { RequestError } from '@octokit/request-error'
import { ApiUnreachable } from './octokit.js'

/** What the warning needs to know besides the error. */
export interface ApiErrorContext {
  apiUrl: string
  repository: string
  /** The pull request came from a fork, so GITHUB_TOKEN is read-only. */
  fromFork: boolean
  /** The pr-number input, when the target was given by hand. */
  prNumber?: number
}

const REPORT_IS_SAFE = 'the report is in the job summary and the JSON report (report-path)'

/** One line saying why the comment was not written and what to do, by cause; never an HTML page. */
export function describeApiError(error: unknown, context: ApiErrorContext): string {
  const unreachable = unreachableReason(error)
  if (unreachable)
    return `could not reach the GitHub API at ${context.apiUrl} (${unreachable}); ${REPORT_IS_SAFE}`
  if (!(error instanceof RequestError))
    return `could not write the pull request comment (${oneLine(String(error instanceof Error ? error.message : error))}); ${REPORT_IS_SAFE}`
  const { status } = error
  if (isRateLimit(error))
    return `GitHub's API rate limit is used up (HTTP ${status}), so no comment this run; ${REPORT_IS_SAFE}. It resets within the hour.`
  if (status === 404 && context.prNumber !== undefined)
    return `pull request #${context.prNumber} was not found in ${context.repository} (HTTP 404): check the pr-number input; ${REPORT_IS_SAFE}`
  if (status === 403 && context.fromFork)
    return `this pull request comes from a fork, so its token is read-only (HTTP 403); ${REPORT_IS_SAFE}. To comment on pull requests from forks, run sdist-diff with mode: report and post with mode: publish from a workflow_run workflow (see the README).`
  if (status === 403 || status === 404)
    return `the token cannot write comments on ${context.repository} (HTTP ${status}: ${oneLine(error.message)}); give the job \`permissions: pull-requests: write\` (and \`contents: read\`); ${REPORT_IS_SAFE}`
  return `could not write the pull request comment (HTTP ${status}: ${oneLine(error.message, status)}); ${REPORT_IS_SAFE}`
}

function unreachableReason(error: unknown): string | undefined {
  if (error instanceof ApiUnreachable) return error.reason
  if (error instanceof RequestError && !error.response && error.cause instanceof ApiUnreachable)
    return error.cause.reason
  return undefined
}

function isRateLimit(error: RequestError): boolean {
  if (error.status !== 403 && error.status !== 429) return false
  const remaining = error.response?.headers['x-ratelimit-remaining']
  return String(remaining) === '0' || /rate limit/i.test(error.message)
}

/** The first line of a message, without markup, at most 200 characters; an HTML page becomes its status. */
export function oneLine(message: string, status?: number): string {
  if (/<(!doctype|html|head|body)\b/i.test(message))
    return status ? `an HTML error page` : 'an HTML page'
  const line = (message.split('\n')[0] ?? '').replace(/<[^>]*>/g, '').trim()
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}
