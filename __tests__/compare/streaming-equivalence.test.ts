import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { analyse } from '../../src/analysis/index.js'
import { compareArchives } from '../../src/compare/comparison.js'
import { DEFAULT_DIFF_LIMITS } from '../../src/compare/file-diff.js'
import { judge } from '../../src/judge/judge.js'
import { diffArchives } from '../../src/pipeline/index.js'
import { buildReport } from '../../src/report/build.js'
import { redactReport } from '../../src/report/redact.js'
import { readArchive } from '../../src/read/read-archive.js'
import { REPO } from '../helpers/run-dist.js'
import { SEED_RC2, SEED_RC3, buildSdist, tempDir } from '../helpers/sdist.js'

/** Reading each archive whole, one after the other, is the reference the streaming pair read must match. */
async function wholeReadReport(previous: string, current: string) {
  const read = { previous: await readArchive(previous), current: await readArchive(current) }
  const comparison = compareArchives(read, DEFAULT_DIFF_LIMITS)
  const analysis = await analyse(comparison)
  return redactReport(buildReport(comparison, judge(comparison, analysis)), analysis.redact)
}

function generatedPair(): [string, string] {
  const common = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`pkg/m${i}.py`, `x = ${i}\n`.repeat(50)])
  )
  const before = buildSdist(tempDir(), {
    files: { ...common, 'old.py': 'moved = 1\n', 'big.bin': { content: Buffer.alloc(3000, 1) } }
  })
  const after = buildSdist(tempDir(), {
    version: '1.1',
    files: {
      ...common,
      'pkg/m3.py': 'x = changed\n',
      'new/old.py': 'moved = 1\n',
      'big.bin': { content: Buffer.alloc(3000, 2) }
    }
  })
  return [before, after]
}

describe('the streaming pair read gives the same report as reading each archive whole', () => {
  const pairs: [string, () => [string, string]][] = [
    ['the seed pair', () => [SEED_RC2, SEED_RC3]],
    [
      'the hostile example pair',
      () => [
        join(REPO, 'examples/hostile/hostile-demo-1.0.tar.gz'),
        join(REPO, 'examples/hostile/hostile-demo-1.1.tar.gz')
      ]
    ],
    ['a generated pair with renames, binaries and many unchanged files', generatedPair]
  ]
  it.each(pairs)('%s', async (_name, files) => {
    const [previous, current] = files()
    expect(await diffArchives(previous, current)).toEqual(await wholeReadReport(previous, current))
  })
})
