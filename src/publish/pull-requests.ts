import type * as github from '@actions/github'
import type { Octokit } from './octokit.js'

/** The parts of the workflow run's context that decide where to comment. */
export type RunContext = Pick<
  typeof github.context,
  'eventName' | 'payload' | 'repo' | 'sha' | 'apiUrl'
>

export type Targets = { numbers: number[] } | { skip: string }

/** The pull requests this run should comment on, or why there are none. */
export async function targetPullRequests(
  octokit: Octokit,
  context: RunContext,
  prNumber?: number
): Promise<Targets> {
  const { eventName, payload } = context
  if (prNumber !== undefined) return { numbers: [prNumber] }
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const number = payload.pull_request?.number
    return number
      ? { numbers: [number] }
      : { skip: `the ${eventName} event has no pull request number` }
  }
  if (eventName === 'push') {
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...context.repo,
      commit_sha: context.sha
    })
    const open = data.filter(pr => pr.state === 'open').map(pr => pr.number)
    return open.length
      ? { numbers: open }
      : { skip: `no open pull request is associated with commit ${context.sha}` }
  }
  if (eventName === 'workflow_dispatch')
    return { skip: 'workflow_dispatch without the pr-number input' }
  return { skip: `the ${eventName || 'unknown'} event has no pull request` }
}
