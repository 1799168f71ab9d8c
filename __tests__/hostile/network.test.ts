import { afterEach, describe, expect, it } from '@jest/globals'
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { TOKEN, runAction } from '../helpers/runner.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'

const release = (version: string) =>
  buildSdist(tempDir(), { version, files: { 'demo/__init__.py': `V = "${version}"\n` } })
const FILE = '/files/demo/demo-1.0.tar.gz'

let index: IndexServer | undefined
let github: GitHubServer | undefined
afterEach(async () => {
  await index?.close()
  await github?.close()
  if (github) expect(github.violations).toEqual([])
  index = undefined
  github = undefined
})

async function check(env: NodeJS.ProcessEnv = {}, url = index?.url ?? '') {
  return runAction({ with: { current: release('1.1'), 'index-url': url }, env })
}

describe('index faults: bounded retries, messages that say what was tried', () => {
  it('connection refused', async () => {
    const closed = await startIndexServer([])
    await closed.close()
    const result = await check({}, closed.url)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      `::error::GET ${closed.url}demo/ failed after 4 attempts (last: ECONNREFUSED)`
    )
  }, 20_000)

  it('a response slower than the timeout', async () => {
    index = await startIndexServer([{ project: 'demo', path: release('1.0') }])
    index.handle('/simple/demo/', () => undefined) // never answers
    const result = await check({ SDIST_DIFF_HTTP_TIMEOUT: '0.3' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error::GET http:\/\/127\.0\.0\.1:\d+\/simple\/demo\/ failed after 4 attempts \(last: no answer within 0\.3 s\)/
    )
  }, 20_000)

  it('429 with Retry-After, then success', async () => {
    index = await startIndexServer([{ project: 'demo', path: release('1.0') }])
    let calls = 0
    const served = index
    index.handle('/simple/demo/', (request, response) => {
      if (calls++ === 0)
        return void response.writeHead(429, { 'retry-after': '1' }).end('slow down')
      served.handle('/simple/demo/', () => undefined)
      response.writeHead(302, { location: '/simple/demo/?page=1' }).end()
    })
    index.handle('/simple/demo/?page=1', (_request, response) => {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<a href="${FILE}">demo-1.0.tar.gz</a>`)
    })
    const result = await check()
    expect(result.stdout).not.toContain('::error::')
    expect(result.report.packages[0].previous.version).toBe('1.0')
    expect(calls).toBe(2)
  }, 20_000)

  it('a redirect loop', async () => {
    index = await startIndexServer([{ project: 'demo', path: release('1.0') }])
    index.handle(
      '/simple/demo/',
      (_request, response) => void response.writeHead(302, { location: '/simple/demo/' }).end()
    )
    const result = await check()
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error::GET http:\/\/127\.0\.0\.1:\d+\/simple\/demo\/ failed after 4 attempts \(last: .*redirect/i
    )
  }, 20_000)

  it('a download cut short', async () => {
    index = await startIndexServer([{ project: 'demo', path: release('1.0') }])
    index.handle(FILE, (_request, response) => {
      response.writeHead(200, { 'content-length': '5000' })
      response.flushHeaders()
      response.write(Buffer.alloc(100), () => setTimeout(() => response.destroy(), 50))
    })
    const result = await check()
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error::downloading http:\/\/127\.0\.0\.1:\d+\/files\/demo\/demo-1\.0\.tar\.gz (failed|was cut short)/
    )
  }, 20_000)
})

describe('GitHub API faults and comment integrity', () => {
  const seedLike = () => ({
    previous: release('1.0'),
    current: release('1.1'),
    'fail-on': 'none',
    comment: 'always'
  })
  const pr = { name: 'pull_request', payload: { pull_request: { number: 21 } } }

  it('waits out a secondary rate limit (429 with Retry-After) and posts once', async () => {
    github = await startGitHubServer(TOKEN)
    github.fail({
      method: 'POST',
      path: /\/issues\/21\/comments$/,
      status: 429,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit',
        documentation_url: 'https://docs.github.com/rest'
      }
    })
    const result = await runAction({ with: seedLike(), event: pr, apiUrl: github.url })
    expect(github.comments).toHaveLength(1)
    expect(result.stdout).toContain('secondary rate limit')
    expect(result.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN)
  }, 30_000)

  it('a failed update leaves the old comment whole and the step green', async () => {
    github = await startGitHubServer(TOKEN)
    github.comments.push({
      id: 1,
      issue: 21,
      body: '<!-- sdist-diff:comment key=demo -->\nold report',
      created_at: '2026-01-01T00:00:00Z'
    })
    github.fail({
      method: 'PATCH',
      path: /\/issues\/comments\/1$/,
      status: 422,
      body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' }
    })
    const result = await runAction({ with: seedLike(), event: pr, apiUrl: github.url })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /::warning::sdist-diff: could not write the pull request comment \(HTTP 422: Validation Failed/
    )
    expect(github.comments).toEqual([
      expect.objectContaining({ id: 1, body: '<!-- sdist-diff:comment key=demo -->\nold report' })
    ])
  }, 30_000)
})
