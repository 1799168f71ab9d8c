// Reports pinned byte for byte: the seed pair, crafted pairs (hostile_pairs.py) and every real pair in
// ../shared/real-sdists. A change that is meant to move a report rewrites these files with
// UPDATE_GOLDEN=1 and the diff is reviewed; a refactoring must leave them as they are.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../helpers/target.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'
import { sharedCorpus } from '../helpers/shared.js'
import { REPO } from '../helpers/run-dist.js'

const GOLDEN = join(REPO, '__tests__', 'golden', 'reports')
const REAL = sharedCorpus('real-sdists', 'the pinned real-release reports')

async function expectPinned(name: string, args: string[]): Promise<void> {
  const result = await runCli([...args, '--fail-on', 'none'])
  expect(result.stderr).toBe('')
  const file = join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, result.stdout)
  expect(existsSync(file)).toBe(true)
  expect(result.stdout).toBe(readFileSync(file, 'utf8'))
}

function realPair(project: string): [string, string] {
  const root = join(REAL ?? '', project)
  const folders = readdirSync(root).sort()
  const archive = (folder: string) => {
    const dir = join(root, folder)
    return join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
  }
  return [archive(folders[0] ?? ''), archive(folders[folders.length - 1] ?? '')]
}

describe('pinned reports', () => {
  it.each(['json', 'markdown', 'text'])('the seed pair, as %s', format =>
    expectPinned(`seed.${format}`, [SEED_RC2, SEED_RC3, '--format', format])
  )

  const hostile = tempDir()
  execFileSync('python3', [join(REPO, '__tests__', 'golden', 'hostile_pairs.py'), hostile])
  it.each(readdirSync(hostile).sort())('the crafted pair %s', name =>
    expectPinned(`hostile-${name}.json`, [
      join(hostile, name, 'previous.tar.gz'),
      join(hostile, name, 'current.tar.gz'),
      '--format',
      'json'
    ])
  )

  const projects = REAL
    ? readdirSync(REAL)
        .filter(p => p !== 'README.md')
        .sort()
    : []
  const run = REAL ? it.each(projects) : it.skip.each(['(absent)'])
  run(
    'the real pair %s',
    project => expectPinned(`real-${project}.json`, [...realPair(project), '--format', 'json']),
    120_000
  )
})
