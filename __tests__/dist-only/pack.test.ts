// The CLI as npm installs it: `npm pack` of this repository, installed into an empty prefix with no
// network, run from there on the example pair.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from '../helpers/run-dist.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'

interface Packed {
  filename: string
  size: number
  files: { path: string }[]
}

describe('the npm package', () => {
  it('installs from its tarball into an empty prefix and runs', () => {
    const out = tempDir('pack-')
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
        cwd: REPO,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      })
    ) as Packed[]
    if (!packed) throw new Error('npm pack wrote no tarball')
    expect(packed.size).toBeLessThan(5 * 1024 ** 2)
    const tops = new Set(packed.files.map(f => f.path.split('/').slice(0, 2).join('/')))
    expect([...tops].sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli',
      'package.json'
    ])
    const prefix = tempDir('prefix-')
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--offline',
        '--no-audit',
        '--no-fund',
        join(out, packed.filename)
      ],
      { stdio: 'ignore' }
    )
    const bin = join(prefix, 'node_modules', '.bin', 'sdist-diff')
    const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version as string
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(`sdist-diff ${version}\n`)
    const run = spawnSync(bin, [SEED_RC2, SEED_RC3], { encoding: 'utf8', cwd: prefix })
    expect(run.stdout).toContain('requires-python-narrowed    Python 3.11 is no longer supported')
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 1,
      stderr: 'sdist-diff: risk high reaches --fail-on high\n'
    })
  }, 120_000)
})
