import { describe, expect, it, jest } from '@jest/globals'
import * as fs from 'node:fs'
import { join } from 'node:path'
import { pep625Identity } from '../../src/acquire/sdist-filename.js'
import { runCli } from '../helpers/target.js'
import { SEED_RC2, buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

// Every stream the sources open on a file, counted by path: node:fs as the sources import it, its
// createReadStream wrapped (the mock applies to the modules imported after it, the pipeline's).
const streamsOpened = new Map<string, number>()
jest.unstable_mockModule('node:fs', () => {
  const createReadStream: typeof fs.createReadStream = (path, options) => {
    streamsOpened.set(String(path), (streamsOpened.get(String(path)) ?? 0) + 1)
    return fs.createReadStream(path, options)
  }
  return { ...fs, default: { ...fs, createReadStream }, createReadStream }
})
const { runPipeline } = await import('../../src/pipeline/index.js')

/** How many streaming reads of each archive comparing `current` with `previous` (release form) takes. */
async function readsPerArchive(previous: string, current: string): Promise<number[]> {
  streamsOpened.clear()
  const run = await runPipeline({ kind: 'release', current: [current], previous })
  expect(run.packages).toHaveLength(1)
  return [streamsOpened.get(previous) ?? 0, streamsOpened.get(current) ?? 0]
}

const sdist = (version: string) =>
  buildSdist(tempDir(), { version, files: { 'demo/__init__.py': `V = "${version}"\n` } })

// The time the single read saves is measured by npm run bench (release form against pair form).
describe('the release form names sdists by their PEP 625 file names and reads each once', () => {
  it('names an sdist by its PEP 625 file name, and only by that form', () => {
    expect(pep625Identity('/x/demo_pkg-1.2.tar.gz')).toEqual({ name: 'demo_pkg', version: '1.2' })
    expect(pep625Identity('demo_pkg-1.0rc1.tar.gz')).toEqual({
      name: 'demo_pkg',
      version: '1.0rc1'
    })
    expect(pep625Identity('backend.ai-kernel-helper-24.3.0rc3.tar.gz')).toBeUndefined()
    expect(pep625Identity('Demo-1.0.tar.gz')).toBeUndefined()
    expect(pep625Identity('demo-1.0-rc1.tar.gz')).toBeUndefined()
    expect(pep625Identity('demo-1.0.0-RC1.tar.gz')).toBeUndefined()
    expect(pep625Identity('stdin.tar.gz')).toBeUndefined()
  })

  it('reads each archive of a pair with no large changed files exactly once', async () => {
    const [previous, current] = [sdist('1.0'), sdist('1.1')]
    expect([previous, current].map(file => file.split('/').pop())).toEqual([
      'demo-1.0.tar.gz',
      'demo-1.1.tar.gz'
    ])
    expect(await readsPerArchive(previous, current)).toEqual([1, 1])
  })

  it('reads an archive its file name does not name twice: to PKG-INFO for its name, then whole', async () => {
    const dir = tempDir('unnamed-')
    const current = join(dir, 'demo-release.tar.gz')
    fs.copyFileSync(sdist('1.1'), current)
    const previous = sdist('1.0')
    expect(await readsPerArchive(previous, current)).toEqual([1, 2])
  })

  it('a PEP 625 file name that PKG-INFO contradicts is refused with what to do', async () => {
    const dir = tempDir('misnamed-')
    const built = buildSdist(tempDir(), {
      name: 'other',
      version: '2.0',
      files: { 'PKG-INFO': pkgInfo('other', '2.0') }
    })
    const misnamed = join(dir, 'demo-1.0.tar.gz')
    fs.copyFileSync(built, misnamed)
    const result = await runCli(['--previous', SEED_RC2, misnamed, '--source-check', 'false'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'demo-1.0.tar.gz: the file name says demo 1.0 but PKG-INFO says other 2.0: rebuild the sdist, or rename it to match its metadata (PEP 625)'
    )
  })
})
