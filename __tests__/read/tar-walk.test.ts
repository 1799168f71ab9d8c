import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { readArchive } from '../../src/read/read-archive.js'
import { type TarEntryHeader } from '../../src/read/tar-entry.js'
import { TarWalker } from '../../src/read/tar-walk.js'
import { ArchiveError, type Archive } from '../../src/read/types.js'
import { sharedCorpus } from '../helpers/shared.js'
import { SEED_RC2, SEED_RC3, buildRawSdist, pkgInfo, tempDir } from '../helpers/sdist.js'
import { END, member, writeTarGz } from '../helpers/tar-bytes.js'
import { disagreements, tarfileOracle, unexplained } from '../helpers/tarfile-oracle.js'

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

interface Walked {
  entries: (TarEntryHeader & { sha256: string })[]
  ignored: string[]
  sawEndMarker: boolean
}

/** Feeds `tar` to a TarWalker `chunkSize` bytes at a time. */
async function walk(tar: Buffer, chunkSize: number): Promise<Walked> {
  const walked: Walked = { entries: [], ignored: [], sawEndMarker: false }
  const walker = new TarWalker({
    entry: header => {
      const hash = createHash('sha256')
      return {
        data: chunk => hash.update(chunk),
        end: () => walked.entries.push({ ...header, sha256: hash.digest('hex') })
      }
    },
    ignored: header => walked.ignored.push(`${header.type} ${header.path}`),
    archiveProblem: reason => walked.ignored.push(reason)
  })
  await new Promise<void>((resolve, reject) => {
    walker.on('error', reject)
    walker.on('finish', resolve)
    for (let at = 0; at < tar.length; at += chunkSize)
      walker.write(tar.subarray(at, at + chunkSize))
    walker.end()
  })
  walked.sawEndMarker = walker.sawEndMarker
  return walked
}

/** What GNU tar itself says each regular file holds. */
function gnuTarFiles(tarFile: string): Map<string, string> {
  const listing = execFileSync('tar', ['-tvf', tarFile], { encoding: 'utf8' }).trim().split('\n')
  const files = new Map<string, string>()
  for (const line of listing.filter(l => l.startsWith('-'))) {
    const name = line.split(/\s+/).slice(5).join(' ')
    files.set(name, sha256(execFileSync('tar', ['-xOf', tarFile, name], { maxBuffer: 1 << 26 })))
  }
  return files
}

/** A tree with names past ustar's 100 bytes, a long symlink target and an empty file. */
function longNamesTree(): string {
  const dir = tempDir()
  const root = join(dir, 'demo-1.0')
  const deep = join(root, 'pkg', 'a'.repeat(60), 'b'.repeat(60))
  mkdirSync(deep, { recursive: true })
  writeFileSync(join(root, 'PKG-INFO'), pkgInfo('demo', '1.0'))
  writeFileSync(join(deep, `${'c'.repeat(90)}.py`), 'print("deep")\n'.repeat(100))
  writeFileSync(join(root, 'empty.txt'), '')
  symlinkSync(
    join('pkg', 'a'.repeat(60), 'b'.repeat(60), `${'c'.repeat(90)}.py`),
    join(root, 'link')
  )
  return dir
}

describe('TarWalker steps through the blocks as GNU tar does', () => {
  for (const format of ['gnu', 'pax', 'ustar'] as const) {
    it(`reads a ${format} archive the same at every chunk size`, async () => {
      const dir = longNamesTree()
      const tarFile = join(dir, `demo.${format}.tar`)
      // ustar cannot hold the long names: it gets only the short ones.
      const members =
        format === 'ustar' ? ['demo-1.0/PKG-INFO', 'demo-1.0/empty.txt'] : ['demo-1.0']
      execFileSync('tar', [`--format=${format}`, '-cf', tarFile, '-C', dir, ...members])
      const tar = readFileSync(tarFile)
      const expected = gnuTarFiles(tarFile)
      for (const chunkSize of [1, 511, 513, 4096, tar.length]) {
        const walked = await walk(tar, chunkSize)
        const files = walked.entries.filter(e => e.type === 'File')
        expect(new Map(files.map(e => [e.path, e.sha256]))).toEqual(expected)
        expect(walked.sawEndMarker).toBe(true)
        expect(walked.ignored).toEqual([])
      }
      if (format !== 'ustar') {
        const link = (await walk(tar, 4096)).entries.find(e => e.path === 'demo-1.0/link')
        expect(link).toMatchObject({ type: 'SymbolicLink' })
        expect(link?.linkpath).toMatch(/^pkg\/a{60}\/b{60}\/c{90}\.py$/)
      }
    })
  }

  it('applies a global pax header (git archive writes one) without taking it for a file', async () => {
    const dir = tempDir()
    const repo = join(dir, 'repo')
    mkdirSync(repo)
    writeFileSync(join(repo, 'PKG-INFO'), pkgInfo('demo', '1.0'))
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo })
    git('init', '-q')
    git('add', '.')
    git('commit', '-qm', 'one')
    const out = join(dir, 'demo-1.0.tar.gz')
    git('archive', '--format=tar.gz', '--prefix=demo-1.0/', '-o', out, 'HEAD')
    expect(gunzipSync(readFileSync(out)).subarray(156, 157).toString()).toBe('g')
    const sdist = await readArchive(out)
    expect([...sdist.entries.keys()]).toEqual(['PKG-INFO'])
    expect(sdist.unsafe).toEqual([])
  })

  it.each([
    ['gnu', 'demo-1.0/holes.bin'],
    // tarfile names a pax sparse file by its GNU.sparse.name record.
    ['pax', 'demo-1.0/holes.bin']
  ])(
    'flags a %s-format sparse file, whose stored bytes are not its contents',
    async (format, path) => {
      const dir = tempDir()
      mkdirSync(join(dir, 'demo-1.0'))
      writeFileSync(join(dir, 'demo-1.0', 'PKG-INFO'), pkgInfo('demo', '1.0'))
      execFileSync('truncate', ['-s', '4M', join(dir, 'demo-1.0', 'holes.bin')])
      const out = join(dir, 'demo-1.0.tar.gz')
      execFileSync('tar', [`--format=${format}`, '--sparse', '-czf', out, '-C', dir, 'demo-1.0'])
      const sdist = await readArchive(out)
      expect(sdist.unsafe).toEqual([
        { path, reason: 'unsupported or oversized SparseFile tar entry, skipped' }
      ])
      expect([...sdist.entries.keys()]).toEqual(['PKG-INFO'])
    }
  )

  it('stops at the end-of-archive marker and reads nothing after it', async () => {
    const tar = gunzipSync(readFileSync(SEED_RC2))
    const walked = await walk(Buffer.concat([tar, Buffer.from('x'.repeat(2048))]), 65536)
    expect(walked.sawEndMarker).toBe(true)
    expect(walked.entries.length).toBe((await walk(tar, 65536)).entries.length)
  })
})

describe("the reader reads every archive as Python's tarfile does (pip extracts sdists with it)", () => {
  const shared = sharedCorpus('real-sdists', 'the tarfile comparison of the real releases')
  const real = shared
    ? readdirSync(shared, { recursive: true, encoding: 'utf8' })
        .filter(f => f.endsWith('.tar.gz'))
        .map(f => join(shared, f))
    : []

  it(`agrees on every entry of the seed and ${real.length} real sdists, with no finding`, async () => {
    const archives = [SEED_RC2, SEED_RC3, ...real]
    const oracle = tarfileOracle(archives)
    for (const [i, archive] of archives.entries()) {
      const sdist = await readArchive(archive)
      expect(sdist.entries.size).toBeGreaterThan(3)
      expect({ archive, found: disagreements(sdist, oracle[i]!) }).toEqual({ archive, found: [] })
      expect(sdist.unsafe).toEqual([])
    }
  }, 300_000)

  it('agrees on GNU and pax long names, links, devices and FIFOs written by GNU tar and Python', async () => {
    const dir = longNamesTree()
    const archives = ['gnu', 'pax', 'oldgnu', 'v7', 'ustar'].map(format => {
      const out = join(dir, `${format}.tar.gz`)
      // v7 and ustar hold names of up to 99 bytes only.
      const members = ['v7', 'ustar'].includes(format)
        ? ['demo-1.0/PKG-INFO', 'demo-1.0/empty.txt']
        : ['demo-1.0']
      execFileSync('tar', [`--format=${format}`, '-czf', out, '-C', dir, ...members])
      return out
    })
    const raw = buildRawSdist(join(dir, 'raw.tar.gz'), [
      { name: 'demo-1.0/PKG-INFO', content: pkgInfo('demo', '1.0') },
      { name: 'demo-1.0/fifo', type: 'fifo' },
      { name: 'demo-1.0/tty', type: 'chr' },
      { name: 'demo-1.0/hard', type: 'hardlink', linkname: 'demo-1.0/PKG-INFO' },
      { name: `demo-1.0/${'é'.repeat(80)}.txt`, content: 'non-ASCII names go in pax records' }
    ])
    const oracle = tarfileOracle([...archives, raw])
    for (const [i, archive] of [...archives, raw].entries()) {
      const sdist = await readArchive(archive)
      expect(sdist.entries.size).toBeGreaterThan(1)
      expect({ archive, found: disagreements(sdist, oracle[i]!) }).toEqual({ archive, found: [] })
    }
  })
})

describe('TarWalker names what is wrong with a damaged archive', () => {
  async function readError(tar: Buffer): Promise<string> {
    const out = join(tempDir(), 'damaged-1.0.tar.gz')
    const dir = tempDir()
    writeFileSync(join(dir, 'x.tar'), tar)
    execFileSync('sh', ['-c', `gzip -c "${join(dir, 'x.tar')}" > "${out}"`])
    const error = await readArchive(out).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchiveError)
    return (error as Error).message
  }
  const seedTar = () => gunzipSync(readFileSync(SEED_RC2))
  /** Offsets of the first `count` headers in a tar. */
  function headerOffsets(tar: Buffer, count: number): number[] {
    const offsets: number[] = []
    for (let at = 0; offsets.length < count;) {
      offsets.push(at)
      const size = parseInt(
        tar
          .subarray(at + 124, at + 136)
          .toString()
          .replace(/\0.*/s, ''),
        8
      )
      at += 512 + Math.ceil(size / 512) * 512
    }
    return offsets
  }

  /** demo-1.0 with PKG-INFO first, then three modules: `cut` bytes long, `damage` applied. */
  function smallTar(): { tar: Buffer; offsets: number[] } {
    const members = [
      member({ name: 'demo-1.0/PKG-INFO' }, pkgInfo('demo', '1.0')),
      ...['a', 'b', 'c'].map(m => member({ name: `demo-1.0/${m}.py` }, `print("${m}")\n`))
    ]
    const offsets = members.map((_, i) => members.slice(0, i).reduce((n, m) => n + m.length, 0))
    return { tar: Buffer.concat([...members, END]), offsets }
  }

  /** Our reading of `tar` and tarfile's, with what of ours neither agrees nor is flagged. */
  async function againstTarfile(tar: Buffer) {
    const file = writeTarGz(join(tempDir(), 'damaged-1.0.tar.gz'), tar)
    const ours = await readArchive(file).catch((e: Error) => e)
    const [oracle] = tarfileOracle([file])
    return { ours, oracle: oracle!, unexplained: unexplained(file, ours, oracle!) }
  }

  it("a bad header after valid entries: pip's tarfile stops there, and so does the reader, flagging it", async () => {
    const { tar, offsets } = smallTar()
    tar.writeUInt8(tar.readUInt8(offsets[2]! + 10) ^ 0x20, offsets[2]! + 10)
    const { ours, oracle, unexplained } = await againstTarfile(tar)
    expect(unexplained).toEqual([])
    expect(oracle.members?.map(m => m.name)).toEqual(['PKG-INFO', 'a.py'])
    expect([...(ours as Archive).entries.keys()]).toEqual(['PKG-INFO', 'a.py'])
    expect((ours as Archive).unsafe).toEqual([
      {
        path: 'damaged-1.0.tar.gz',
        reason: `the header at byte ${offsets[2]} is not valid (it fails its checksum): pip's tarfile stops reading there, GNU tar skips to the next header and reads on`
      }
    ])
  })

  it("an archive cut inside a header block: pip's tarfile reads what comes before, and the cut is flagged", async () => {
    const { tar, offsets } = smallTar()
    const { ours, unexplained } = await againstTarfile(tar.subarray(0, offsets[2]! + 100))
    expect(unexplained).toEqual([])
    expect((ours as Archive).unsafe.map(u => u.reason)).toEqual([
      "the archive ends 412 bytes into a header block: pip's tarfile stops before it, GNU tar reports the archive truncated"
    ])
  })

  it('an archive cut inside a file is truncated, with how much is missing, as tarfile fails on it', async () => {
    const { tar, offsets } = smallTar()
    const { ours, oracle } = await againstTarfile(tar.subarray(0, offsets[1]! + 512 + 5))
    expect(oracle.error).toMatch(/unexpected end of data/)
    expect((ours as Error).message).toMatch(
      /truncated tar archive \(the archive ends 507 bytes short of its last entry\)/
    )
  })

  it('an archive without its end-of-archive marker reads as tarfile reads it', async () => {
    const { tar } = smallTar()
    const { ours, unexplained } = await againstTarfile(tar.subarray(0, tar.length - 1024))
    expect(unexplained).toEqual([])
    expect((ours as Archive).unsafe).toEqual([])
  })

  /** A pax extended header holding `records` verbatim, as a header block and its body. */
  const paxHeader = (records: string) => extensionHeader('x', records)

  /** An extension header (`x` pax, `L` GNU long name) and its body, as tar writes them. */
  function extensionHeader(type: 'x' | 'L', content: string): Buffer {
    const body = Buffer.from(content)
    const header = Buffer.alloc(512)
    header.write(type === 'x' ? 'PaxHeaders/x' : '././@LongLink', 0)
    header.write('0000644\0', 100)
    header.write(body.length.toString(8).padStart(11, '0') + '\0', 124)
    header.write('00000000000\0', 136)
    header.write(type, 156)
    header.write('ustar\u000000', 257)
    header.write('        ', 148)
    let sum = 0
    for (const byte of header) sum += byte
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
    return Buffer.concat([header, body, Buffer.alloc((512 - (body.length % 512)) % 512)])
  }
  /** The seed's tar with `inserted` before its second entry. */
  function spliced(inserted: Buffer): Buffer {
    const tar = seedTar()
    const [, second = 0] = headerOffsets(tar, 2)
    return Buffer.concat([tar.subarray(0, second), inserted, tar.subarray(second)])
  }

  it('pax records are parsed as tarfile parses them: lengths, values and garbage', async () => {
    for (const records of [
      '99 path=evil\n',
      '12 pathevil\n',
      'x path=evil\n',
      '13 path=evil',
      '0 path=evil\n',
      '8 size=-1\n',
      '10 size=12ab\n',
      '28 size=99999999999999999999\n'
    ]) {
      const { unexplained } = await againstTarfile(spliced(paxHeader(records)))
      expect({ records, unexplained }).toEqual({ records, unexplained: [] })
    }
  })

  it('two records naming one entry differently: pip takes the first, and the entry is flagged', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'demo-1.0'))
    writeFileSync(join(dir, 'demo-1.0', 'PKG-INFO'), pkgInfo('demo', '1.0'))
    writeFileSync(join(dir, 'demo-1.0', 'a.py'), 'print("a")\n')
    execFileSync('tar', ['--format=ustar', '-cf', join(dir, 'plain.tar'), '-C', dir, 'demo-1.0'])
    const tar = readFileSync(join(dir, 'plain.tar'))
    const [, second = 0] = headerOffsets(tar, 2)
    const record = 'path=demo-1.0/shown.py\n'
    const smuggled = Buffer.concat([
      tar.subarray(0, second),
      paxHeader(`${record.length + 3} ${record}`),
      extensionHeader('L', 'demo-1.0/hidden.py\0'),
      tar.subarray(second)
    ])
    writeFileSync(join(dir, 'smuggled.tar'), smuggled)
    const out = join(dir, 'smuggled-1.0.tar.gz')
    execFileSync('sh', ['-c', `gzip -c "${join(dir, 'smuggled.tar')}" > "${out}"`])
    // What Python's tarfile, which pip extracts sdists with, calls the entry.
    const pythonNames = execFileSync(
      'python3',
      ['-c', 'import sys, tarfile; print(*tarfile.open(sys.argv[1]).getnames())', out],
      { encoding: 'utf8' }
    )
    expect(pythonNames).toContain('demo-1.0/shown.py')
    expect(pythonNames).not.toContain('hidden.py')
    const sdist = await readArchive(out)
    expect(sdist.entries.has('shown.py')).toBe(true)
    expect(sdist.entries.has('hidden.py')).toBe(false)
    expect(sdist.unsafe).toEqual([
      {
        path: 'shown.py',
        reason:
          'tar records disagree on its path "demo-1.0/shown.py" or "demo-1.0/hidden.py": tar readers differ, pip takes the first'
      }
    ])
  })

  it('a pax path record names the next entry', async () => {
    const out = join(tempDir(), 'renamed-1.0.tar.gz')
    const dir = tempDir()
    writeFileSync(
      join(dir, 'x.tar'),
      spliced(paxHeader('45 path=backend.ai-kernel-helper-24.3.0rc2/z\n'))
    )
    execFileSync('sh', ['-c', `gzip -c "${join(dir, 'x.tar')}" > "${out}"`])
    const sdist = await readArchive(out)
    expect(sdist.entries.has('z')).toBe(true)
  })

  it('an archive whose first block is not a header is not a tar archive', async () => {
    const tar = seedTar()
    tar.writeUInt8(tar.readUInt8(10) ^ 0x20, 10)
    expect(await readError(tar)).toMatch(/does not hold a tar archive: not an sdist$/)
  })

  it('refuses an archive past the entry cap without reading the rest', async () => {
    const error = await readArchive(SEED_RC2, {
      maxUnpackedBytes: 2 ** 30,
      maxEntries: 3,
      textCapBytes: 1000
    }).catch((e: unknown) => e)
    expect((error as Error).message).toBe(
      `${SEED_RC2}: holds more than 3 entries; refused at that cap`
    )
  })
})
