import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { entryText } from '../../src/read/decode-text.js'
import { readArchive } from '../../src/read/read-archive.js'
import { ArchiveError } from '../../src/read/types.js'
import { SEED_RC2, buildRawSdist, buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

describe('readArchive on the seed archive', () => {
  it('lists every entry relative to the root folder, with type, mode, size and hashes that tar agrees with', async () => {
    const sdist = await readArchive(SEED_RC2)
    expect(sdist.root).toBe('backend.ai-kernel-helper-24.3.0rc2')
    const listing = execFileSync('tar', ['-tzf', SEED_RC2], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(p => p.replace(/^backend\.ai-kernel-helper-24\.3\.0rc2\/?/, '').replace(/\/$/, ''))
      .filter(p => p !== '')
    expect([...sdist.entries.keys()].sort()).toEqual(listing.sort())
    const setup = sdist.entries.get('setup.py')
    const bytes = execFileSync('tar', [
      '-xzOf',
      SEED_RC2,
      'backend.ai-kernel-helper-24.3.0rc2/setup.py'
    ])
    expect(setup).toMatchObject({
      type: 'file',
      mode: 0o644,
      size: bytes.length,
      sha256: sha256(bytes)
    })
    expect(entryText(setup)).toBe(bytes.toString('utf8'))
    expect(sdist.entries.get('ai/backend')).toMatchObject({ type: 'dir', mode: 0o755 })
    expect(sdist.sha256).toBe(sha256(readFileSync(SEED_RC2)))
    expect(sdist.unsafe).toEqual([])
  })
})

describe('readArchive entry kinds', () => {
  it('records symlinks with their target and marks binary content', async () => {
    const dir = tempDir()
    const file = buildSdist(dir, {
      files: {
        'docs/link.txt': { symlink: '../README' },
        README: 'hello\n',
        'data.bin': { content: Buffer.from([0, 1, 2, 3]) },
        'run.sh': { content: '#!/bin/sh\n', mode: 0o755 }
      }
    })
    const sdist = await readArchive(file)
    expect(sdist.entries.get('docs/link.txt')).toMatchObject({
      type: 'symlink',
      linkTarget: '../README'
    })
    expect(sdist.entries.get('data.bin')).toMatchObject({ type: 'file', binary: true })
    expect(entryText(sdist.entries.get('data.bin'))).toBeUndefined()
    expect(sdist.entries.get('run.sh')?.mode).toBe(0o755)
    expect(sdist.unsafe).toEqual([])
  })

  it('keeps files larger than the text cap as hash and size only', async () => {
    const dir = tempDir()
    const big = 'x'.repeat(5000)
    const file = buildSdist(dir, { files: { 'big.txt': big } })
    const sdist = await readArchive(file, {
      maxUnpackedBytes: 1e9,
      maxEntries: 100,
      textCapBytes: 1000
    })
    expect(sdist.entries.get('big.txt')).toMatchObject({ size: 5000, sha256: sha256(big) })
    expect(entryText(sdist.entries.get('big.txt'))).toBeUndefined()
  })

  it('decodes Latin-1 text that is not valid UTF-8 without losing bytes', async () => {
    const dir = tempDir()
    const file = buildSdist(dir, {
      files: { 'latin.txt': { content: Buffer.from([0x63, 0x61, 0x66, 0xe9]) } }
    })
    const sdist = await readArchive(file)
    expect(entryText(sdist.entries.get('latin.txt'))).toBe('café')
  })
})

describe('readArchive refuses or flags unsafe entries, never follows them', () => {
  const root = 'evil-1.0'
  const base = [
    { name: `${root}/`, type: 'dir' as const },
    { name: `${root}/PKG-INFO`, content: pkgInfo('evil', '1.0') }
  ]
  const cases: [string, Parameters<typeof buildRawSdist>[1][number], RegExp, boolean][] = [
    ['absolute path', { name: '/etc/passwd', content: 'x' }, /absolute path/, false],
    ['.. segment', { name: `${root}/../../escape.txt`, content: 'x' }, /"\.\." segment/, false],
    [
      'symlink out of root',
      { name: `${root}/link`, type: 'symlink', linkname: '../../../etc/passwd' },
      /symlink to .* points outside/,
      true
    ],
    [
      'absolute symlink',
      { name: `${root}/abs`, type: 'symlink', linkname: '/etc/shadow' },
      /points outside/,
      true
    ],
    [
      'hardlink out of root',
      { name: `${root}/hard`, type: 'hardlink', linkname: 'other/secret' },
      /hardlink to .* points outside/,
      true
    ],
    ['character device', { name: `${root}/dev`, type: 'chr' }, /CharacterDevice entry/, true],
    ['FIFO', { name: `${root}/pipe`, type: 'fifo' }, /FIFO entry/, true],
    [
      'second root folder',
      { name: 'other-root/setup.py', content: 'x' },
      /second root folder/,
      false
    ],
    [
      'file beside the root folder',
      { name: 'setup.py', content: 'x' },
      /outside the root folder/,
      false
    ]
  ]
  it.each(cases)('%s', async (_label, entry, reason, kept) => {
    const file = buildRawSdist(join(tempDir(), 'evil-1.0.tar.gz'), [...base, entry])
    const sdist = await readArchive(file)
    expect(sdist.unsafe).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(reason) })
    ])
    const keptPaths = [...sdist.entries.keys()]
    expect(keptPaths.some(p => entry.name.endsWith(p) && p !== 'PKG-INFO')).toBe(kept)
    expect(keptPaths.every(p => !p.startsWith('/') && !p.split('/').includes('..'))).toBe(true)
  })

  it('flags a duplicate path and keeps the last copy, as an extractor would', async () => {
    const file = buildRawSdist(join(tempDir(), 'dup.tar.gz'), [
      ...base,
      { name: `${root}/setup.py`, content: 'first' },
      { name: `${root}/setup.py`, content: 'second' }
    ])
    const sdist = await readArchive(file)
    expect(sdist.unsafe).toEqual([
      { path: 'setup.py', reason: expect.stringMatching(/duplicate entry/) }
    ])
    expect(entryText(sdist.entries.get('setup.py'))).toBe('second')
  })

  it('flags control characters in names', async () => {
    const file = buildRawSdist(join(tempDir(), 'ctl.tar.gz'), [
      ...base,
      { name: `${root}/a\u001b[31mb`, content: 'x' }
    ])
    const sdist = await readArchive(file)
    expect(sdist.unsafe[0]?.reason).toMatch(/control characters/)
  })
})

describe('readArchive errors name the file and the problem', () => {
  async function expectError(file: string, message: RegExp) {
    const error = await readArchive(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchiveError)
    expect((error as Error).message).toContain(file)
    expect((error as Error).message).toMatch(message)
  }

  it('corrupt gzip', async () => {
    const file = join(tempDir(), 'corrupt.tar.gz')
    const header = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3])
    writeFileSync(file, Buffer.concat([header, Buffer.alloc(64, 0xff)]))
    await expectError(file, /corrupt gzip data/)
  })

  it('truncated gzip', async () => {
    const file = join(tempDir(), 'cut.tar.gz')
    const whole = readFileSync(SEED_RC2)
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)))
    await expectError(file, /truncated/)
  })

  it('truncated tar inside a complete gzip', async () => {
    const dir = tempDir()
    const tar = execFileSync('gzip', ['-dc', SEED_RC2])
    const file = join(dir, 'short.tar.gz')
    writeFileSync(join(dir, 'short.tar'), tar.subarray(0, 512 * 5 + 100))
    execFileSync('sh', ['-c', `gzip -c "${join(dir, 'short.tar')}" > "${file}"`])
    await expectError(file, /truncated tar archive/)
  })

  it('no PKG-INFO', async () => {
    const file = buildSdist(tempDir(), { pkgInfo: false, files: { 'setup.py': 'x' } })
    await expectError(file, /no PKG-INFO .*not an sdist/)
  })

  it('a zip or wheel', async () => {
    const file = join(tempDir(), 'demo-1.0-py3-none-any.whl')
    execFileSync('python3', [
      '-c',
      `import zipfile; zipfile.ZipFile(${JSON.stringify(file)}, 'w').writestr('a', 'b')`
    ])
    await expectError(file, /zip archive.*not.*|is a zip archive/)
  })

  it('a plain text file, an empty file and a missing file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'notes.tar.gz'), 'hello')
    writeFileSync(join(dir, 'empty.tar.gz'), '')
    await expectError(join(dir, 'notes.tar.gz'), /not gzip-compressed/)
    await expectError(join(dir, 'empty.tar.gz'), /is empty/)
    await expectError(join(dir, 'missing.tar.gz'), /cannot be read \(ENOENT\)/)
  })

  it('gzip data that is not a tar archive', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'plain.txt'), 'just some text, not a tar archive\n')
    execFileSync('sh', [
      '-c',
      `gzip -c "${join(dir, 'plain.txt')}" > "${join(dir, 'plain.tar.gz')}"`
    ])
    await expectError(join(dir, 'plain.tar.gz'), /does not hold a tar archive|corrupt tar/)
  })

  it('an archive that expands past the cap', async () => {
    const file = buildSdist(tempDir(), { files: { 'zeros.txt': '0'.repeat(200_000) } })
    const error = await readArchive(file, {
      maxUnpackedBytes: 100_000,
      maxEntries: 100,
      textCapBytes: 1000
    }).catch(e => e)
    expect((error as Error).message).toMatch(/expands to more than .* MiB uncompressed/)
  })
})
