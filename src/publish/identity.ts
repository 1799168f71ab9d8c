import { RequestError } from '@octokit/request-error'
import type { Octokit } from './octokit.js'

/** The login comments made with the workflow's GITHUB_TOKEN carry. */
export const ACTIONS_BOT = 'github-actions[bot]'

/**
 * Who this run's comments are written as: the token's user for a personal token (`GET /user`), or the
 * Actions bot for GITHUB_TOKEN and other installation tokens, which GitHub refuses there with a 403.
 */
export async function postingIdentity(octokit: Octokit): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    if (error instanceof RequestError && error.status === 403) return ACTIONS_BOT
    throw error
  }
}
