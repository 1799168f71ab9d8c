import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One member as pip's untar_file would extract it (see tarfile-oracle.py). */
export interface OracleMember {
  archiveName: string
  /** The name pip extracts it to, its leading folder stripped. */
  name: string
  type: 'file' | 'sparse' | 'dir' | 'symlink' | 'hardlink' | 'chr' | 'blk' | 'fifo' | 'unknown'
  rawType: string
  size: number
  linkname: string
  mode: number
  sha256: string | null
  readError: string | null
  /** tarfile's data filter's refusal (pip then fails), where Python has the filter. */
  filter: string | null
}

export interface OracleArchive {
  file: string
  /** tarfile.open or getmembers failed: pip fails too. */
  error: string | null
  leading?: boolean
  members?: OracleMember[]
}

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'tarfile-oracle.py')

/** The image's python3, or Debian's. */
export function python(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import tarfile'], { stdio: 'ignore' })
      return candidate
    } catch {
      if (candidate === '/usr/bin/python3' && !existsSync(candidate)) break
    }
  }
  throw new Error('the tarfile oracle needs python3')
}

/** Reads every archive with Python's tarfile as pip does, in one Python process. */
export function tarfileOracle(files: string[]): OracleArchive[] {
  const out = execFileSync(python(), [SCRIPT], {
    input: JSON.stringify(files),
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  return JSON.parse(out) as OracleArchive[]
}

/** One way our reading of an archive differs from what pip would extract. */
export interface Disagreement {
  /** The path relative to the root folder ('' for the archive as a whole). */
  path: string
  what: string
}

interface Seen {
  type: string
  size?: number
  sha256?: string | null
  link?: string
  executable?: boolean
}

const normal = (path: string) =>
  path
    .split('/')
    .filter(s => s !== '' && s !== '.')
    .join('/')

const KINDS: Record<OracleMember['type'], string> = {
  file: 'file',
  unknown: 'file',
  sparse: 'sparse',
  dir: 'dir',
  symlink: 'symlink',
  hardlink: 'hardlink',
  chr: 'other',
  blk: 'other',
  fifo: 'other'
}

/** Where a read sdist and tarfile's reading of it (as pip uses it) differ: path, type, bytes, links. */
export function disagreements(
  sdist: {
    entries: Map<
      string,
      { type: string; size: number; sha256: string; linkTarget?: string; mode: number }
    >
  },
  oracle: OracleArchive
): Disagreement[] {
  if (oracle.error) return [{ path: '', what: `tarfile fails: ${oracle.error}` }]
  if (!oracle.leading) return [{ path: '', what: 'pip finds no single leading folder' }]
  const theirs = new Map<string, Seen>()
  for (const member of oracle.members ?? []) {
    const path = normal(member.name)
    if (path === '') continue
    const type = KINDS[member.type]
    theirs.set(path, {
      type,
      ...(type === 'file' && {
        size: member.size,
        sha256: member.readError ? `unreadable: ${member.readError}` : member.sha256,
        executable: (member.mode & 0o111) !== 0
      }),
      ...(type === 'symlink' && { link: member.linkname }),
      ...(type === 'hardlink' && { link: normal(member.linkname) })
    })
  }
  const ours = new Map<string, Seen>()
  for (const [path, entry] of sdist.entries)
    ours.set(path, {
      type: entry.type,
      ...(entry.type === 'file' && {
        size: entry.size,
        sha256: entry.sha256,
        executable: (entry.mode & 0o111) !== 0
      }),
      ...(entry.type === 'symlink' && { link: entry.linkTarget }),
      ...(entry.type === 'hardlink' && { link: normal(entry.linkTarget ?? '') })
    })
  const found: Disagreement[] = []
  for (const path of new Set([...theirs.keys(), ...ours.keys()])) {
    const [a, b] = [JSON.stringify(ours.get(path)), JSON.stringify(theirs.get(path))]
    if (a !== b) found.push({ path, what: `ours ${a ?? 'absent'}, tarfile ${b ?? 'absent'}` })
  }
  return found
}

/**
 * What of our reading `outcome` of `file` is neither what tarfile reads nor named by a finding: empty
 * when every entry agrees, or each disagreeing path (or the archive) is flagged, or both refuse.
 */
export function unexplained(
  file: string,
  outcome:
    (Parameters<typeof disagreements>[0] & { unsafe: { path: string; reason: string }[] }) | Error,
  oracle: OracleArchive
): string[] {
  if (outcome instanceof Error) {
    if (oracle.error) return []
    const noPkgInfo =
      !oracle.leading ||
      !(oracle.members ?? []).some(m => normal(m.name) === 'PKG-INFO' && m.type === 'file')
    if (/no PKG-INFO|holds no entries/.test(outcome.message) && noPkgInfo) return []
    return [`we refuse (${outcome.message}), tarfile reads ${oracle.members?.length} members`]
  }
  const flagged = outcome.unsafe.map(u => u.path)
  if (oracle.error)
    return flagged.length > 0 ? [] : [`tarfile fails (${oracle.error}), we report no finding`]
  const archive = basename(file)
  const covered = (path: string) =>
    flagged.some(f => f === archive || f === path || normal(f).endsWith(`/${path}`))
  const found = disagreements(outcome, oracle)
    .filter(d => (d.path === '' ? flagged.length === 0 : !covered(d.path)))
    .map(d => `${d.path || '(archive)'}: ${d.what}`)
  const refused = (oracle.members ?? []).filter(m => m.filter)
  if (refused.length > 0 && flagged.length === 0)
    found.push(`tarfile's data filter refuses ${refused[0]?.name}, we report no finding`)
  return found
}
