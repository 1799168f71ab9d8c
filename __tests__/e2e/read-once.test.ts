import { describe, expect, it } from '@jest/globals'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { pep625Identity } from '../../src/acquire/sdist-filename.js'
import { runCli } from '../helpers/target.js'
import { SEED_RC2, buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

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

  it('a PEP 625 file name that PKG-INFO contradicts is refused with what to do', async () => {
    const dir = tempDir('misnamed-')
    const built = buildSdist(tempDir(), {
      name: 'other',
      version: '2.0',
      files: { 'PKG-INFO': pkgInfo('other', '2.0') }
    })
    const misnamed = join(dir, 'demo-1.0.tar.gz')
    copyFileSync(built, misnamed)
    const result = await runCli(['--previous', SEED_RC2, misnamed, '--source-check', 'false'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'demo-1.0.tar.gz: the file name says demo 1.0 but PKG-INFO says other 2.0: rebuild the sdist, or rename it to match its metadata (PEP 625)'
    )
  })
})
