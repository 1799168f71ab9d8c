import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../helpers/target.js'
import { SEED_RC2, SEED_RC3, buildSdist, tempDir } from '../helpers/sdist.js'

describe('the bundled CLI, run as a user would', () => {
  it('prints a text report of the seed pair and exits 0 below --fail-on', async () => {
    const result = await runCli([SEED_RC2, SEED_RC3, '--fail-on', 'none'])
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n')[0]).toMatch(
      /^sdist-diff: risk \w+ {2}backend\.ai-kernel-helper 24\.3\.0rc2 -> 24\.3\.0rc3$/
    )
    expect(result.stdout).toContain('M setup.py')
    expect(result.stdout).toContain('+Requires-Python: >=3.12,<3.13')
  })

  it('writes JSON to --output atomically and leaves nothing else behind', async () => {
    const dir = tempDir()
    const out = join(dir, 'report.json')
    const result = await runCli([
      SEED_RC2,
      SEED_RC3,
      '--format',
      'json',
      '--output',
      out,
      '--fail-on',
      'none'
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    const report = JSON.parse(readFileSync(out, 'utf8'))
    expect(report).toMatchObject({ schemaVersion: 1, current: { version: '24.3.0rc3' } })
    expect(readdirSync(dir)).toEqual(['report.json'])
  })

  it('exits 1 when the risk reaches --fail-on and says why on stderr', async () => {
    const before = buildSdist(tempDir(), { files: {} })
    const after = buildSdist(tempDir(), { files: { '.pypirc': '[pypi]\npassword = x\n' } })
    const result = await runCli([before, after, '--format', 'markdown'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^### 🔴 sdist-diff: risk \*\*high\*\*/)
    expect(result.stderr).toBe('sdist-diff: risk high reaches --fail-on high\n')
    const lenient = await runCli([before, after, '--fail-on', 'none'])
    expect(lenient.code).toBe(0)
  })

  it.each([
    [[], /expected PREVIOUS and CURRENT/],
    [['a', 'b', '--format', 'yaml'], /--format must be one of text, markdown, json/],
    [['a', 'b', '--fail-on', 'severe'], /--fail-on must be one of none, info, low, medium, high/],
    [['a', 'b', '--bogus'], /Unknown option '--bogus'/],
    [
      ['--previous', 'old.tar.gz', '--previous', 'old.whl', 'new.tar.gz'],
      /--previous was given 2 times; it takes one value: one spec names the previous release \(a glob takes its sdist and wheels/
    ],
    [
      ['a', 'b', '--format', 'json', '--format', 'text'],
      /--format was given 2 times; it takes one value$/m
    ]
  ])('exits 2 on bad usage %j', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stdout).toBe('')
  })

  it('exits 2 saying a folder is not an sdist', async () => {
    const dir = tempDir()
    const result = await runCli([SEED_RC2, dir])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `sdist-diff: ${dir}: is a folder: give the sdist in it, or a glob such as dist/*\n`
    )
  })

  it('exits 2 naming the file that cannot be read', async () => {
    const dir = tempDir()
    const notSdist = join(dir, 'notes.tar.gz')
    writeFileSync(notSdist, 'not an archive')
    const result = await runCli([SEED_RC2, notSdist])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `sdist-diff: ${notSdist}: is not gzip-compressed: an sdist is a .tar.gz file (PEP 625), a wheel a .whl file\n`
    )
  })

  it('prints usage for --help', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: sdist-diff PREVIOUS\.tar\.gz CURRENT\.tar\.gz/)
  })
})
