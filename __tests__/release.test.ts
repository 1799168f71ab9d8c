// script/release on a clone of this repository: version set everywhere, the changelog dated, dist/
// rebuilt with the new version, vX.Y.Z tagged and vX moved; bad versions and dirty trees refused.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './helpers/run-dist.js'
import { tempDir } from './helpers/sdist.js'

function clone(): string {
  const dir = join(tempDir('release-'), 'repo')
  execFileSync('git', ['clone', '-q', REPO, dir])
  // The script as it is in the work tree, committed in the clone.
  mkdirSync(join(dir, 'script'), { recursive: true })
  copyFileSync(join(REPO, 'script', 'release'), join(dir, 'script', 'release'))
  copyFileSync(join(REPO, '.gitignore'), join(dir, '.gitignore'))
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'))
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir })
  git('add', '-A')
  git(
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'work tree script'
  )
  git('config', 'user.name', 'Release Tester')
  git('config', 'user.email', 'release@example.com')
  return dir
}

const release = (dir: string, ...args: string[]) =>
  spawnSync('bash', ['script/release', ...args], { cwd: dir, encoding: 'utf8' })

describe('script/release', () => {
  it('sets the version, dates the changelog, rebuilds dist/, tags vX.Y.Z and moves vX', () => {
    const dir = clone()
    const result = release(dir, '7.3.1')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
    const head = git('rev-parse', 'HEAD')
    expect(git('rev-parse', 'v7.3.1^{commit}')).toBe(head)
    expect(git('rev-parse', 'v7^{commit}')).toBe(head)
    expect(git('log', '-1', '--format=%s')).toBe('Release v7.3.1')
    expect(git('status', '--porcelain')).toBe('')
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version).toBe('7.3.1')
    const today = new Date().toISOString().slice(0, 10)
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(
      new RegExp(`^# Changelog\\n\\n## 7\\.3\\.1 — ${today}\\n`)
    )
    const cli = join(dir, 'dist', 'cli', 'index.js')
    expect(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' })).toBe(
      'sdist-diff 7.3.1\n'
    )
    expect(result.stdout).toContain('git push origin HEAD "v7.3.1" && git push --force origin "v7"')
  }, 300_000)

  it('refuses what is not a release version, a dirty tree and a version not newer', () => {
    const dir = clone()
    expect(release(dir, '1.2')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^usage/)
    })
    expect(release(dir, 'v1.2.3').status).toBe(2)
    execFileSync('git', ['tag', '-a', 'v3.0.0', '-m', 'v3.0.0'], { cwd: dir })
    expect(release(dir, '2.9.9')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('not newer than the latest release v3.0.0')
    })
    writeFileSync(join(dir, 'README.md'), 'edited\n')
    expect(release(dir, '3.0.1')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('uncommitted changes')
    })
  })
})
