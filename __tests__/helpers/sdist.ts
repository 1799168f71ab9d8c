// Builds real .tar.gz archives for tests: GNU tar for well-formed sdists, Python's tarfile for the
// hostile entries GNU tar refuses to write (absolute paths, devices, duplicates).
import { afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')
export const SEED_RC2 = join(FIXTURES, 'backend.ai-kernel-helper-24.3.0rc2.tar.gz')
export const SEED_RC3 = join(FIXTURES, 'backend.ai-kernel-helper-24.3.0rc3.tar.gz')

export interface FileSpec {
  content?: string | Buffer
  mode?: number
  symlink?: string
}

export interface SdistSpec {
  name?: string
  version?: string
  /** Root folder; default `${name}-${version}`. */
  root?: string
  files: Record<string, FileSpec | string>
  /** PKG-INFO is written from name and version unless `files` has one or this is false. */
  pkgInfo?: boolean
  mtime?: string
  owner?: string
}

const made: string[] = []
// Each test file removes the folders its tests made once they are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

export function tempDir(prefix = 'sdist-diff-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export function pkgInfo(name: string, version: string, extra = ''): string {
  return `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n${extra}\n`
}

/** Writes the tree to disk and packs it with the system's GNU tar and gzip. */
export function buildSdist(outDir: string, spec: SdistSpec): string {
  const name = spec.name ?? 'demo'
  const version = spec.version ?? '1.0'
  const root = spec.root ?? `${name}-${version}`
  const staging = tempDir('sdist-stage-')
  try {
    const files: Record<string, FileSpec | string> = { ...spec.files }
    if (spec.pkgInfo !== false && !('PKG-INFO' in files)) files['PKG-INFO'] = pkgInfo(name, version)
    for (const [path, value] of Object.entries(files)) {
      const file = typeof value === 'string' ? { content: value } : value
      const target = join(staging, root, path)
      mkdirSync(dirname(target), { recursive: true })
      if (file.symlink !== undefined) symlinkSync(file.symlink, target)
      else {
        writeFileSync(target, file.content ?? '')
        chmodSync(target, file.mode ?? 0o644)
      }
    }
    mkdirSync(join(staging, root), { recursive: true })
    const out = join(outDir, `${root}.tar.gz`)
    const owner = spec.owner ?? 'runner'
    execFileSync('tar', [
      '--create',
      '--gzip',
      '--format=pax',
      '--sort=name',
      `--owner=${owner}:1001`,
      `--group=${owner}:127`,
      `--mtime=${spec.mtime ?? '2024-03-31 14:09:09'}`,
      '--file',
      out,
      '-C',
      staging,
      root
    ])
    return out
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

export interface RawEntry {
  name: string
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chr' | 'fifo'
  content?: string
  linkname?: string
  mode?: number
}

const PYTHON_TAR = `
import io, json, sys, tarfile
spec = json.load(sys.stdin)
types = {'file': tarfile.REGTYPE, 'dir': tarfile.DIRTYPE, 'symlink': tarfile.SYMTYPE,
         'hardlink': tarfile.LNKTYPE, 'chr': tarfile.CHRTYPE, 'fifo': tarfile.FIFOTYPE}
with tarfile.open(spec['out'], 'w:gz', format=tarfile.PAX_FORMAT) as tar:
    for e in spec['entries']:
        info = tarfile.TarInfo(e['name'])
        info.type = types[e.get('type', 'file')]
        info.mode = e.get('mode', 0o644)
        info.linkname = e.get('linkname', '')
        data = e.get('content', '').encode()
        info.size = len(data) if info.type == tarfile.REGTYPE else 0
        tar.addfile(info, io.BytesIO(data) if info.type == tarfile.REGTYPE else None)
`

/** Writes entries verbatim with Python's tarfile, including ones a careful archiver would refuse. */
export function buildRawSdist(out: string, entries: RawEntry[]): string {
  execFileSync('python3', ['-c', PYTHON_TAR], { input: JSON.stringify({ out, entries }) })
  return out
}

/** A ustar header block for one file of `size` bytes, as Python's tarfile writes it. */
function tarHeader(name: string, size: number): Buffer {
  const script = `import sys, tarfile; i = tarfile.TarInfo(sys.argv[1]); i.size = int(sys.argv[2]); sys.stdout.buffer.write(i.tobuf(tarfile.USTAR_FORMAT))`
  return execFileSync('python3', ['-c', script, name, String(size)])
}

/**
 * A 2.3 MB sdist that expands to 2.2 GiB of zeros after one empty member: no header declares them (one
 * that did would be refused at the header), so only the cap on inflated bytes stops them.
 */
export function buildGzipBomb(dir: string): string {
  const bomb = join(dir, 'bomb-1.0.tar.gz')
  const zeros = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 })
  const members = [gzipSync(tarHeader('bomb-1.0/zeros', 0)), ...Array(140).fill(zeros)]
  writeFileSync(bomb, Buffer.concat(members))
  return bomb
}

/** A copy of a real sdist with `edit` applied to its unpacked tree, repacked with GNU tar and gzip. */
export function editSdist(sdist: string, edit: (root: string) => void): string {
  const work = tempDir('sdist-edit-')
  execFileSync('tar', ['-xzf', sdist, '-C', work])
  const [root = ''] = readdirSync(work)
  edit(join(work, root))
  const out = join(tempDir(), basename(sdist))
  execFileSync('tar', ['-czf', out, '-C', work, root])
  return out
}
