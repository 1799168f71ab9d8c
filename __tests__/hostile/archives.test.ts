import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readArchive } from '../../src/read/read-archive.js'
import { runCli } from '../helpers/target.js'
import {
  SEED_RC2,
  SEED_RC3,
  buildGzipBomb,
  buildRawSdist,
  pkgInfo,
  tempDir
} from '../helpers/sdist.js'

describe('hostile and broken archives', () => {
  it('refuses a gzip bomb at the documented 2 GiB cap', async () => {
    const bomb = buildGzipBomb(tempDir())
    expect(readFileSync(bomb).length).toBeLessThan(5 * 1024 * 1024)
    await expect(readArchive(bomb)).rejects.toThrow(
      `${bomb}: expands to more than 2048 MiB uncompressed (a gzip bomb?); refused at the 2048 MiB cap`
    )
  }, 120_000)

  it('flags an oversized PAX header instead of reading it', async () => {
    const out = join(tempDir(), 'pax-1.0.tar.gz')
    const script = `
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w:gz', format=tarfile.PAX_FORMAT) as tar:
    for name, data in [('pax-1.0/PKG-INFO', sys.argv[2].encode()), ('pax-1.0/big.txt', b'x')]:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        if name.endswith('big.txt'):
            info.pax_headers = {'comment': 'A' * 2_000_000}
        tar.addfile(info, io.BytesIO(data))
`
    execFileSync('python3', ['-c', script, out, pkgInfo('pax', '1.0')])
    const sdist = await readArchive(out)
    expect(sdist.unsafe).toContainEqual(
      expect.objectContaining({
        reason: expect.stringMatching(/oversized ExtendedHeader tar entry, skipped/)
      })
    )
  })

  it('flags names that are not UTF-8 and names with control characters', async () => {
    const out = join(tempDir(), 'names-1.0.tar.gz')
    const script = `
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w:gz', format=tarfile.GNU_FORMAT, encoding='latin-1') as tar:
    for name, data in [('names-1.0/PKG-INFO', sys.argv[2].encode()), ('names-1.0/caf\\xe9.py', b'x'), ('names-1.0/bell\\x07.py', b'y')]:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
`
    execFileSync('python3', ['-c', script, out, pkgInfo('names', '1.0')])
    const reasons = (await readArchive(out)).unsafe.map(u => u.reason)
    expect(reasons).toEqual(
      expect.arrayContaining([
        'file name is not valid UTF-8',
        'control characters in the file name'
      ])
    )
  })

  it('refuses trailing data after the gzip stream, naming it', async () => {
    const out = join(tempDir(), 'trailing-1.0.tar.gz')
    const payload = Buffer.from('PAYLOAD hidden after the archive')
    writeFileSync(out, Buffer.concat([readFileSync(SEED_RC3), payload]))
    await expect(readArchive(out)).rejects.toThrow(
      `${out}: holds trailing data after the gzip stream; refused`
    )
  })

  it('flags zero padding after the gzip stream', async () => {
    const out = join(tempDir(), 'padded-1.0.tar.gz')
    writeFileSync(out, Buffer.concat([readFileSync(SEED_RC3), Buffer.alloc(1024)]))
    expect((await readArchive(out)).unsafe).toEqual([
      { path: 'padded-1.0.tar.gz', reason: '1024 bytes of trailing data after the gzip stream' }
    ])
  })

  it('refuses an empty tar archive', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'empty'))
    execFileSync('tar', [
      '-czf',
      join(dir, 'empty.tar.gz'),
      '-C',
      join(dir, 'empty'),
      '--files-from',
      '/dev/null'
    ])
    await expect(readArchive(join(dir, 'empty.tar.gz'))).rejects.toThrow(
      /the archive holds no entries/
    )
  })

  it('never writes outside its own temporary folder, and removes that folder', async () => {
    const tmp = tempDir('isolated-tmp-')
    const evil = buildRawSdist(join(tempDir(), 'evil-1.0.tar.gz'), [
      { name: 'evil-1.0/PKG-INFO', content: pkgInfo('evil', '1.0') },
      { name: '../../../../tmp/escaped-by-sdist-diff', content: 'x' },
      { name: '/tmp/absolute-by-sdist-diff', content: 'x' },
      { name: 'evil-1.0/link', type: 'symlink', linkname: '/etc/passwd' }
    ])
    const result = await runCli(['--previous', SEED_RC2, evil, '--fail-on', 'none'], {
      ...process.env,
      TMPDIR: tmp
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('unsafe-archive-entry')
    expect(readdirSync(tmp)).toEqual([])
    expect(existsSync('/tmp/escaped-by-sdist-diff')).toBe(false)
    expect(existsSync('/tmp/absolute-by-sdist-diff')).toBe(false)
  })
})
