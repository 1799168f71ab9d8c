// The token goes only to GITHUB_API_URL's origin, whatever the API's responses link to.
import { afterEach, describe, expect, it } from '@jest/globals'
import { makeOctokit } from '../../src/publish/octokit.js'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { SEED_COMMENTING, TOKEN, pullRequestEvent, runAction } from '../helpers/runner.js'

let servers: GitHubServer[] = []
afterEach(async () => {
  for (const server of servers) await closeChecked(server)
  servers = []
})

describe('the token travels only to the origin of GITHUB_API_URL', () => {
  it('a Link: rel="next" to another origin stops the paging with a warning', async () => {
    const elsewhere = await startGitHubServer(TOKEN)
    const api = await startGitHubServer(TOKEN, { pageOrigin: elsewhere.url })
    servers = [api, elsewhere]
    for (let id = 1; id <= 150; id++)
      api.comments.push({
        id,
        issue: 21,
        body: `comment ${id}`,
        created_at: '2026-01-01T00:00:00Z',
        user: 'someone'
      })
    const result = await runAction({
      with: SEED_COMMENTING,
      event: pullRequestEvent(21),
      apiUrl: api.url
    })
    expect(result.code).toBe(0)
    expect(elsewhere.requests).toEqual([])
    expect(result.stdout).toContain(
      `::warning::sdist-diff: stopped reading the comments of #21: the API's next page is on ${elsewhere.url}, not ${api.url} (GITHUB_API_URL); the token goes nowhere else`
    )
    expect(api.requests).toContain('GET /repos/octo-org/demo/issues/21/comments?per_page=100')
    expect(api.comments).toHaveLength(151)
  })

  it('no request of any kind leaves the origin', async () => {
    const elsewhere = await startGitHubServer(TOKEN)
    const api = await startGitHubServer(TOKEN)
    servers = [api, elsewhere]
    const octokit = makeOctokit(TOKEN, api.url)
    await expect(
      octokit.request(`GET ${elsewhere.url}/repos/octo-org/demo`, { request: { retries: 0 } })
    ).rejects.toThrow(
      `refused to send the token to ${elsewhere.url}, which is not GITHUB_API_URL's origin ${api.url}`
    )
    expect(elsewhere.requests).toEqual([])
    expect(api.requests).toEqual([])
  })
})
