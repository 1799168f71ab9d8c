import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { TOKEN, pullRequestEvent, runAction } from '../helpers/runner.js'
import { runCli } from '../helpers/target.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

let github: GitHubServer | undefined
afterEach(async () => {
  await closeChecked(github)
  github = undefined
})

describe('sharding a monorepo release over an Actions matrix (packages input)', () => {
  it('each job compares its share and keeps its own sticky comment', async () => {
    github = await startGitHubServer(TOKEN)
    const dir = tempDir('monorepo-')
    mkdirSync(join(dir, 'dist'))
    mkdirSync(join(dir, 'previous'))
    for (const [name, python] of [
      ['alpha', '>=3.9'],
      ['beta_tools', '>=3.9'],
      ['gamma', '>=3.10']
    ] as const) {
      buildSdist(join(dir, 'previous'), {
        name,
        version: '1.0',
        root: `${name}-1.0`,
        files: { 'PKG-INFO': pkgInfo(name, '1.0', 'Requires-Python: >=3.9') }
      })
      buildSdist(join(dir, 'dist'), {
        name,
        version: '1.1',
        root: `${name}-1.1`,
        files: { 'PKG-INFO': pkgInfo(name, '1.1', `Requires-Python: ${python}`) }
      })
    }
    const shard = (packages: string) =>
      runAction({
        with: {
          current: 'dist/*.tar.gz',
          previous: 'previous/*.tar.gz',
          packages,
          comment: 'always',
          'fail-on': 'none',
          'source-check': 'false',
          'working-directory': dir
        },
        event: pullRequestEvent(12),
        apiUrl: github!.url,
        cwd: dir
      })
    const first = await shard('alpha\nbeta-tools')
    const second = await shard('g*')
    for (const run of [first, second]) expect(run.stdout).not.toContain('::error::')
    expect(first.report.packages.map((p: { current: { name: string } }) => p.current.name)).toEqual(
      ['alpha', 'beta_tools']
    )
    expect(
      second.report.packages.map((p: { current: { name: string } }) => p.current.name)
    ).toEqual(['gamma'])
    expect(second.outputs.risk).toBe('high')
    expect(github.comments.map(c => c.body.split('\n')[0])).toEqual([
      '<!-- sdist-diff:comment key=alpha,beta-tools -->',
      '<!-- sdist-diff:comment key=gamma -->'
    ])
    // A re-run of one job updates its own comment, not the other's.
    await shard('dist/gamma-*.tar.gz')
    expect(github.comments).toHaveLength(2)
    expect(github.requests.filter(r => r.startsWith('PATCH'))).toHaveLength(1)
  })

  it('a selector that matches no package is an error naming the packages there are', async () => {
    const dir = tempDir('monorepo-')
    const sdist = buildSdist(dir, { name: 'alpha', version: '1.1', files: {} })
    const result = await runCli([
      '--previous',
      sdist,
      sdist,
      '--packages',
      'alpah',
      '--source-check',
      'false'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('packages: "alpah" matches none of the current sdists (alpha)')
  })
})
