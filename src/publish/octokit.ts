import * as core from '@actions/core'
import * as github from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

/** Warns and retries a rate-limited request twice at most. */
function waitOut(kind: string) {
  return (
    retryAfter: number,
    options: { method: string; url: string },
    _octokit: unknown,
    retryCount: number
  ) => {
    core.warning(`GitHub ${kind} on ${options.method} ${options.url}; retrying in ${retryAfter} s`)
    return retryCount < 2
  }
}

/** One octokit for the run: `baseUrl` (GITHUB_API_URL), 5xx retried, rate limits waited out. */
export function makeOctokit(token: string, baseUrl: string) {
  return github.getOctokit(
    token,
    {
      baseUrl,
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
      throttle: {
        onRateLimit: waitOut('rate limit'),
        onSecondaryRateLimit: waitOut('secondary rate limit')
      }
    },
    retry,
    throttling
  )
}

export type Octokit = ReturnType<typeof makeOctokit>
