import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A commit's tree as git lists it: every tracked path (from the repository root) and its blob id. */
export interface GitTree {
  /** What was read: `HEAD` or a tag name. */
  name: string
  commit: string
  files: Map<string, TrackedFile>
}

export interface TrackedFile {
  /** git's object id of the content (a blob), or of the link target for a symlink. */
  blob: string
  kind: 'file' | 'symlink' | 'submodule'
  /** A symlink's target, as committed. */
  target?: string
}

/** Symlink targets are read one `git cat-file` each; a tree with more is compared without them. */
const MAX_SYMLINKS = 200

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', root, ...args], {
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8'
  })
  return stdout
}

/** The top of the git work tree that holds `dir`, or undefined when it is not in one. */
export async function workTreeRoot(dir: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim() || undefined
  } catch {
    return undefined
  }
}

/** Reads a commit's tree with `git ls-tree` (nothing is checked out); `rev` is HEAD or a tag. */
export async function readGitTree(root: string, rev: string): Promise<GitTree> {
  const commit = (await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim()
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', commit])
  const files = new Map<string, TrackedFile>()
  for (const record of listing.split('\0')) {
    // "<mode> SP <type> SP <object> TAB <path>"
    const match = /^(\d{6}) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record)
    if (!match) continue
    const [, mode, , blob = '', path = ''] = match
    const kind = mode === '120000' ? 'symlink' : mode === '160000' ? 'submodule' : 'file'
    files.set(path, { blob, kind })
  }
  const links = [...files.values()].filter(f => f.kind === 'symlink')
  if (links.length <= MAX_SYMLINKS)
    for (const link of links) link.target = await git(root, ['cat-file', 'blob', link.blob])
  return { name: rev, commit, files }
}

export async function listTags(root: string): Promise<string[]> {
  const out = await git(root, ['tag', '--list'])
  return out.split('\n').filter(tag => tag !== '')
}

/** Tags on the commit checked out: what a local release build is about to publish. */
export async function tagsAtHead(root: string): Promise<string[]> {
  const out = await git(root, ['tag', '--points-at', 'HEAD'])
  return out.split('\n').filter(tag => tag !== '')
}

/** A shallow clone lacks history and usually tags (actions/checkout without `fetch-depth: 0`). */
export async function isShallow(root: string): Promise<boolean> {
  return (await git(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true'
}
