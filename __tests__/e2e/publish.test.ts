import { afterEach, describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { SEED_COMMENTING, TOKEN, pullRequestEvent, runAction } from '../helpers/runner.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'

const pr = pullRequestEvent
const seed = SEED_COMMENTING

let github: GitHubServer | undefined
afterEach(async () => {
  await closeChecked(github)
  github = undefined
})

describe('sticky pull request comment', () => {
  it('is created on the first run and updated in place on the second', async () => {
    github = await startGitHubServer(TOKEN)
    const first = await runAction({ with: seed, event: pr(7), apiUrl: github.url })
    expect(first.stdout).not.toContain('::error::')
    expect(github.comments).toHaveLength(1)
    const [comment] = github.comments
    expect(comment?.body).toMatch(
      /^<!-- sdist-diff:comment key=backend-ai-kernel-helper -->\n### 🔴 sdist-diff: risk \*\*high\*\*/
    )
    expect(first.outputs['comment-url']).toBe(
      `https://github.com/octo-org/demo/pull/7#issuecomment-${comment?.id}`
    )
    comment!.body = comment!.body.replace('risk', 'stale risk')
    const second = await runAction({ with: seed, event: pr(7), apiUrl: github.url })
    expect(github.comments).toHaveLength(1)
    expect(github.comments[0]?.body).not.toContain('stale risk')
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
    expect(github.requests.filter(r => r.startsWith('PATCH'))).toHaveLength(1)
  })

  it('finds its comment in a thread of 150 comments by paging, and keeps keys apart', async () => {
    github = await startGitHubServer(TOKEN)
    for (let i = 0; i < 150; i++) {
      github.comments.push({
        id: i + 1,
        issue: 9,
        body:
          i === 130
            ? '<!-- sdist-diff:comment key=backend-ai-kernel-helper -->\nold'
            : `chatter ${i}`,
        created_at: '2026-01-01T00:00:00Z'
      })
    }
    await runAction({ with: seed, event: pr(9), apiUrl: github.url })
    expect(github.comments).toHaveLength(150)
    expect(github.comments[130]?.body).toContain('sdist-diff: risk')
    expect(github.requests).toContain(
      'GET /repos/octo-org/demo/issues/9/comments?per_page=100&page=2'
    )
    await runAction({ with: { ...seed, 'comment-key': 'docs' }, event: pr(9), apiUrl: github.url })
    expect(github.comments).toHaveLength(151)
    expect(github.comments[150]?.body.startsWith('<!-- sdist-diff:comment key=docs -->')).toBe(true)
  })

  it('on a push finds the associated pull request, or skips with a notice', async () => {
    github = await startGitHubServer(TOKEN)
    const push = { name: 'push', payload: { ref: 'refs/tags/v24.3.0rc3' } }
    const none = await runAction({ with: seed, event: push, apiUrl: github.url })
    expect(none.stdout).toContain(
      '::notice::sdist-diff: no pull request comment: no open pull request is associated with commit c0ffee'
    )
    expect(github.comments).toHaveLength(0)
    github.pullsForCommit.set('c0ffee0000000000000000000000000000000000', [12])
    await runAction({ with: seed, event: push, apiUrl: github.url })
    expect(github.comments.map(c => c.issue)).toEqual([12])
  })

  it('on workflow_dispatch comments on the pr-number input', async () => {
    github = await startGitHubServer(TOKEN)
    await runAction({
      with: { ...seed, 'pr-number': '31' },
      event: { name: 'workflow_dispatch', payload: {} },
      apiUrl: github.url
    })
    expect(github.comments.map(c => c.issue)).toEqual([31])
  })

  it('turns a 403 (read-only token of a fork PR) into a warning and still writes the summary', async () => {
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
    const fork = {
      name: 'pull_request',
      payload: { pull_request: { number: 3, head: { repo: { full_name: 'mallory/demo' } } } }
    }
    const result = await runAction({ with: seed, event: fork, apiUrl: github.url })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      '::warning::sdist-diff: this pull request comes from a fork, so its token is read-only (HTTP 403)'
    )
    expect(result.summary).toContain('Python 3\\.11 is no longer supported')
    expect(result.outputs['comment-url']).toBe('')
  })

  it('retries a 500 and succeeds, with a single comment', async () => {
    github = await startGitHubServer(TOKEN)
    github.fail({ method: 'GET', path: /\/issues\/5\/comments$/, status: 500 })
    const result = await runAction({ with: seed, event: pr(5), apiUrl: github.url })
    expect(result.stdout).not.toContain('::warning::')
    expect(github.comments).toHaveLength(1)
    expect(
      github.requests.filter(r => r.startsWith('GET /repos/octo-org/demo/issues/5/comments')).length
    ).toBe(3) // the 500, its retry, and the check for a racing duplicate after the create
  })

  it('does not post twice when a create answers 500 after it was stored', async () => {
    github = await startGitHubServer(TOKEN)
    github.fail({
      method: 'POST',
      path: /\/issues\/6\/comments$/,
      status: 502,
      afterHandling: true
    })
    await runAction({ with: seed, event: pr(6), apiUrl: github.url })
    expect(github.comments).toHaveLength(1)
  })

  it('on-risk and on-change skip a quiet release; never posts nothing', async () => {
    github = await startGitHubServer(TOKEN)
    const files = { 'a.py': 'x = 1\n' }
    const quiet = {
      previous: buildSdist(tempDir(), { files }),
      current: buildSdist(tempDir(), { files }),
      'fail-on': 'none'
    }
    await runAction({ with: { ...quiet, comment: 'on-risk' }, event: pr(8), apiUrl: github.url })
    await runAction({ with: { ...quiet, comment: 'on-change' }, event: pr(8), apiUrl: github.url })
    await runAction({ with: { ...seed, comment: 'never' }, event: pr(8), apiUrl: github.url })
    expect(github.comments).toHaveLength(0)
    await runAction({ with: { ...seed, comment: 'on-risk' }, event: pr(8), apiUrl: github.url })
    expect(github.comments).toHaveLength(1)
  })
})

describe('size limits and untrusted text', () => {
  it('keeps an oversized report under 65,536 characters with the verdict and findings, and says where the rest is', async () => {
    github = await startGitHubServer(TOKEN)
    const big = (n: number) =>
      Object.fromEntries(
        Array.from({ length: 120 }, (_, i) => [
          `pkg/mod${i}.py`,
          Array.from({ length: 300 }, (_, j) => `value_${j} = ${j * n + i}`).join('\n')
        ])
      )
    const previous = buildSdist(tempDir(), { files: big(1) })
    const current = buildSdist(tempDir(), { version: '1.1', files: { ...big(2), '.env': 'X=1' } })
    const result = await runAction({
      with: { previous, current, 'fail-on': 'none', comment: 'always' },
      event: pr(4),
      apiUrl: github.url
    })
    const body = github.comments[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain('sensitive-file-added')
    expect(body).toMatch(
      /diffs left out to fit GitHub's size limit\. The full report is in the \[job summary\]\(https:\/\/github\.com\/octo-org\/demo\/actions\/runs\/4242\)/
    )
    expect(result.summary.length).toBeGreaterThan(body.length)
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1024 * 1024)
  })

  it('escapes hostile file names and metadata in the comment', async () => {
    github = await startGitHubServer(TOKEN)
    const hostile = 'evil` | <img src=x onerror=alert(1)> @octocat ```.py'
    const previous = buildSdist(tempDir(), { files: { 'a.py': '1' } })
    const current = buildSdist(tempDir(), {
      version: '1.1',
      files: { 'a.py': '2', [hostile]: '```\n@team please\n' }
    })
    await runAction({
      with: { previous, current, 'fail-on': 'none', comment: 'always' },
      event: pr(2),
      apiUrl: github.url
    })
    const html = await marked.parse(github.comments[0]?.body ?? '')
    expect(html).not.toMatch(/<img/)
    expect(html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '')).not.toMatch(
      /@octocat|@team/
    )
  })
})

describe('failure policy', () => {
  const files = { 'a.py': '1' }
  const previous = () => buildSdist(tempDir(), { files: { ...files, 'old.txt': 'x' } })
  const current = () =>
    buildSdist(tempDir(), {
      version: '1.1',
      files: { ...files, 'docs/new.md': 'y', 'extra.txt': 'z' }
    })

  it('fails on unexpected added or removed files, lists them and annotates them', async () => {
    github = await startGitHubServer(TOKEN)
    const result = await runAction({
      with: {
        previous: previous(),
        current: current(),
        comment: 'always',
        'fail-on-unexpected-files': 'true',
        'expected-file-changes': '+docs/**\n'
      },
      event: pr(1),
      apiUrl: github.url
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      '::error::sdist-diff: 2 unexpected file-list change(s) (fail-on-unexpected-files)'
    )
    expect(result.stdout).toContain(
      '::error title=sdist-diff%3A unexpected file-list change::demo: extra.txt was added'
    )
    expect(JSON.parse(result.outputs['unexpected-files'] ?? '')).toEqual([
      { package: 'demo', change: 'added', path: 'extra.txt' },
      { package: 'demo', change: 'removed', path: 'old.txt' }
    ])
    expect(github.comments[0]?.body).toContain('#### ❌ 2 unexpected file-list changes')
  })

  it('passes when every change is declared, and reports the risk reason on one line', async () => {
    const declared = await runAction({
      with: {
        previous: previous(),
        current: current(),
        'fail-on-unexpected-files': 'true',
        'expected-file-changes': '+docs/**\n+extra.txt\n-old.txt'
      }
    })
    expect(declared.code).toBe(0)
    expect(declared.outputs['unexpected-files']).toBe('[]')
    const risky = await runAction({
      with: { previous: previous(), current: current(), 'fail-on': 'low' }
    })
    expect(risky.code).toBe(1)
    expect(risky.stdout).toContain('::error::sdist-diff: risk low reaches fail-on low\n')
    const logged = (risky.stdout + risky.stderr).replace(`::add-mask::${TOKEN}`, '')
    expect(logged).not.toContain(TOKEN)
    expect(risky.stdout).toContain(`::add-mask::${TOKEN}`)
  })
})

describe('comment modes', () => {
  it('on-change skips a release that only bumps the version, and comments when a file appears', async () => {
    github = await startGitHubServer(TOKEN)
    const files = { 'a.py': 'x = 1\n' }
    const bumpOnly = {
      previous: buildSdist(tempDir(), { files }),
      current: buildSdist(tempDir(), { version: '1.1', files }),
      'fail-on': 'none',
      comment: 'on-change'
    }
    await runAction({ with: bumpOnly, event: pr(14), apiUrl: github.url })
    expect(github.comments).toHaveLength(0)
    const withFile = {
      ...bumpOnly,
      current: buildSdist(tempDir(), { version: '1.1', files: { ...files, 'b.py': '' } })
    }
    await runAction({ with: withFile, event: pr(14), apiUrl: github.url })
    expect(github.comments).toHaveLength(1)
    await runAction({ with: bumpOnly, event: pr(14), apiUrl: github.url })
    expect(github.comments[0]?.body).not.toContain('b\\.py')
  })
})
