import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startIndexServer, type HostedFile, type IndexServer } from '../helpers/index-server.js'
import { runCli } from '../helpers/target.js'
import { runAction as runRunner } from '../helpers/runner.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'

/** A release of `demo`: the same files with a version-specific module. */
function release(version: string, name = 'demo', extra: Record<string, string> = {}): string {
  const dir = tempDir()
  return buildSdist(dir, {
    name,
    version,
    files: { [`${name}/__init__.py`]: `__version__ = "${version}"\n`, ...extra }
  })
}

function hosted(version: string, more: Partial<HostedFile> = {}): HostedFile {
  return { project: 'demo', path: release(version), ...more }
}

function runAction(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return runRunner({ with: { 'fail-on': 'high', ...inputs }, env })
}

let server: IndexServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('previous release from a PEP 503/691 index (bundled action)', () => {
  it.each(['json', 'html'] as const)(
    'picks the highest lower final release (%s index)',
    async mode => {
      server = await startIndexServer(
        [hosted('1.0'), hosted('1.1'), hosted('1.2rc1'), hosted('2.0')],
        mode
      )
      const result = await runAction({ current: release('1.2'), 'index-url': server.url })
      expect(result.stdout).not.toContain('::error::')
      expect(result.report.packages[0].previous).toMatchObject({
        name: 'demo',
        version: '1.1',
        filename: 'demo-1.1.tar.gz'
      })
      expect(result.report.packages[0].files.modified).toEqual(['PKG-INFO', 'demo/__init__.py'])
      expect(server.requests).toContain('GET /files/demo/demo-1.1.tar.gz')
    }
  )

  it('counts pre-releases when the current version is one', async () => {
    server = await startIndexServer([hosted('1.1'), hosted('1.2rc1')])
    const result = await runAction({ current: release('1.2rc2'), 'index-url': server.url })
    expect(result.report.packages[0].previous.version).toBe('1.2rc1')
  })

  it('takes an explicit version, and names the versions there are when it is missing', async () => {
    server = await startIndexServer([hosted('1.0'), hosted('1.1')])
    const explicit = await runAction({
      current: release('1.2'),
      previous: '1.0',
      'index-url': server.url
    })
    expect(explicit.report.packages[0].previous.version).toBe('1.0')
    const missing = await runAction({
      current: release('1.2'),
      previous: '0.9',
      'index-url': server.url
    })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toMatch(
      /::error::previous: demo 0\.9 has no sdist on http:\/\/127\.0\.0\.1:\d+\/simple\/ \(sdists there: 1\.0, 1\.1\)/
    )
  })

  it('skips yanked files and accepts PEP 625 and legacy file names', async () => {
    server = await startIndexServer([
      hosted('1.0', { filename: 'Demo-1.0.tar.gz' }),
      hosted('1.1', { yanked: 'broken build' }),
      { project: 'demo', path: release('1.0'), filename: 'demo-1.0-py3-none-any.whl' }
    ])
    const result = await runAction({ current: release('1.2'), 'index-url': server.url })
    expect(result.report.packages[0].previous).toMatchObject({
      version: '1.0',
      filename: 'Demo-1.0.tar.gz'
    })
    expect(server.requests).not.toContain('GET /files/demo/demo-1.1.tar.gz')
  })

  it('refuses a download whose SHA-256 does not match the index', async () => {
    server = await startIndexServer([hosted('1.1', { advertisedSha256: 'ab'.repeat(32) })])
    const result = await runAction({ current: release('1.2'), 'index-url': server.url })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error::hash mismatch for http:\/\/127\.0\.0\.1:\d+\/files\/demo\/demo-1\.1\.tar\.gz: the index says sha256 (ab){32}, the download has [0-9a-f]{64}; the file was refused/
    )
  })

  it('fails clearly on a 404 download and retries a 500 until it succeeds', async () => {
    server = await startIndexServer([hosted('1.1')])
    server.failNext('/files/demo/demo-1.1.tar.gz', 404, 10)
    const gone = await runAction({ current: release('1.2'), 'index-url': server.url })
    expect(gone.code).toBe(1)
    expect(gone.stdout).toMatch(
      /::error::downloading http:\/\/127\.0\.0\.1:\d+\/files\/demo\/demo-1\.1\.tar\.gz failed: HTTP 404 \(the file is not on the index\)/
    )
    server.clearFailures()
    server.failNext('/simple/demo/', 500, 1)
    const flaky = await runAction({ current: release('1.2'), 'index-url': server.url })
    expect(flaky.code).toBe(0)
    expect(server.requests.filter(r => r === 'GET /simple/demo/').length).toBeGreaterThanOrEqual(3)
    expect(flaky.report.packages[0].previous.version).toBe('1.1')
  })

  it('reports a project that is not on the index as a new package, not an error', async () => {
    server = await startIndexServer([hosted('1.0')])
    const result = await runAction({
      current: release('0.1', 'brand-new'),
      'index-url': server.url
    })
    expect(result.code).toBe(0)
    expect(result.report.packages[0]).toMatchObject({ previous: null, risk: 'info' })
    expect(result.report.packages[0].findings[0]).toMatchObject({
      rule: 'new-package',
      message: expect.stringMatching(/^brand-new 0\.1: not on the index/)
    })
    expect(result.summary).toContain('(new package)')
  })

  it('compares two packages of one release, each with its own previous release', async () => {
    server = await startIndexServer([
      hosted('1.0'),
      { project: 'other', path: release('2.0', 'other') }
    ])
    const dist = tempDir()
    for (const file of [release('1.1'), release('2.1', 'other', { 'other/new.py': '' })]) {
      writeFileSync(join(dist, file.split('/').pop() ?? ''), readFileSync(file))
    }
    const result = await runAction({ current: join(dist, '*.tar.gz'), 'index-url': server.url })
    expect(result.code).toBe(0)
    expect(
      result.report.packages.map((p: { previous: { name: string; version: string } }) => [
        p.previous.name,
        p.previous.version
      ])
    ).toEqual([
      ['demo', '1.0'],
      ['other', '2.0']
    ])
    expect(result.report.risk).toBe('info')
    expect(result.summary).toMatch(/^## .* sdist-diff: risk \*\*info\*\* across 2 packages/)
  })

  it('serves a second run from the tool cache', async () => {
    server = await startIndexServer([hosted('1.1')])
    const cache = tempDir('tool-cache-')
    const current = release('1.2')
    await runAction({ current, 'index-url': server.url }, { RUNNER_TOOL_CACHE: cache })
    await runAction({ current, 'index-url': server.url }, { RUNNER_TOOL_CACHE: cache })
    expect(server.requests.filter(r => r.startsWith('GET /files/'))).toHaveLength(1)
    expect(readdirSync(join(cache, 'sdist-diff-sdists'))).toHaveLength(1)
    // A cached file that no longer matches the index's SHA-256 is downloaded again, never used.
    const [entry = ''] = readdirSync(join(cache, 'sdist-diff-sdists'))
    const [arch = ''] = readdirSync(join(cache, 'sdist-diff-sdists', entry))
    writeFileSync(join(cache, 'sdist-diff-sdists', entry, arch, 'demo-1.1.tar.gz'), 'tampered')
    const third = await runAction(
      { current, 'index-url': server.url },
      { RUNNER_TOOL_CACHE: cache }
    )
    expect(third.code).toBe(0)
    expect(third.report.packages[0].previous.version).toBe('1.1')
    expect(server.requests.filter(r => r.startsWith('GET /files/'))).toHaveLength(2)
  })
})

describe('the CLI checks a release the same way', () => {
  it('takes --previous and --index-url and prints the run JSON', async () => {
    server = await startIndexServer([hosted('1.0'), hosted('1.1')])
    const result = await runCli(['--index-url', server.url, '--format', 'json', release('1.2')])
    expect(result.code).toBe(0)
    const run = JSON.parse(result.stdout)
    expect(run).toMatchObject({
      schemaVersion: 1,
      risk: 'info',
      packages: [{ previous: { version: '1.1' } }]
    })
    expect(result.stderr).toContain('demo: comparing with demo-1.1.tar.gz from')
  })
})
