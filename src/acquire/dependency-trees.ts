import { execFile } from 'node:child_process'
import { lstat, readFile, realpath } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { promisify } from 'node:util'
import { readGitTree, workTreeRoot } from './git-source.js'

const run = promisify(execFile)

/** The files of a project at one side of a dependency change: their paths, and their text on demand. */
export interface ProjectTree {
  /** What was read: `working tree` or the commit. */
  name: string
  /** Paths relative to the project folder (`--working-directory`), `/`-separated. */
  paths: string[]
  /** The text of a file, or undefined when it is not there; rejects when not UTF-8 text or too large. */
  read(path: string): Promise<string | undefined>
}

/** Dependency files are small; a larger one is not a dependency file anyone wrote. */
const MAX_DEPENDENCY_FILE_BYTES = 64 * 1024 * 1024

/** The project folder as committed at `ref` (a commit, branch or tag), read with git: nothing is checked out. */
export async function projectAtCommit(dir: string, ref: string): Promise<ProjectTree> {
  const root = await workTreeRoot(dir)
  if (!root) throw new Error(`${dir} is not in a git repository, so ${ref} cannot be read`)
  let tree
  try {
    tree = await readGitTree(root, ref)
  } catch {
    throw new Error(
      `${ref} is not in this clone (no commit, branch or tag of that name): fetch it (git fetch; in the Action, actions/checkout with fetch-depth: 0, or a depth that reaches the base of the pull request)`
    )
  }
  const prefix = folderPrefix(await realpath(root), await realpath(dir))
  const blobs = new Map<string, string>()
  for (const [path, file] of tree.files)
    if (file.kind === 'file' && path.startsWith(prefix))
      blobs.set(path.slice(prefix.length), file.blob)
  const name = tree.commit.slice(0, 12)
  return {
    name,
    paths: [...blobs.keys()].sort(),
    read: async path => {
      const blob = blobs.get(path)
      if (!blob) return undefined
      const where = `${path} at ${name}`
      const { stdout } = await run('git', ['-C', root, 'cat-file', 'blob', blob], {
        encoding: 'buffer',
        maxBuffer: MAX_DEPENDENCY_FILE_BYTES
      }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' ? tooLarge(where) : error
      })
      return utf8(stdout, where)
    }
  }
}

/**
 * The project folder as it is on disk: in a git repository, the tracked and untracked files git does not
 * ignore (a lockfile just written counts); outside one, nothing.
 */
export async function projectOnDisk(dir: string): Promise<ProjectTree> {
  const root = await workTreeRoot(dir)
  const paths = root ? await listWorkTree(dir) : []
  const listed = new Set(paths)
  return {
    name: 'working tree',
    paths,
    // Only the project's own files, never through a link: an include such as `-r ../../etc/passwd`, or
    // a committed symlink, must not read (and log) files from elsewhere on the runner.
    read: async path => {
      if (!listed.has(path)) return undefined
      const file = join(dir, path)
      const info = await lstat(file).catch(() => undefined)
      if (!info?.isFile()) return undefined
      const where = `${path} in the working tree`
      if (info.size > MAX_DEPENDENCY_FILE_BYTES) throw tooLarge(where)
      return utf8(await readFile(file), where)
    }
  }
}

async function listWorkTree(dir: string): Promise<string[]> {
  const { stdout } = await run(
    'git',
    ['-C', dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }
  )
  return [...new Set(stdout.split('\0').filter(Boolean))].sort()
}

/** `sub/dir/` for a project folder below the repository root, '' at the root. */
function folderPrefix(root: string, dir: string): string {
  const inside = relative(root, dir).split(sep).join('/')
  return inside === '' ? '' : `${inside}/`
}

/**
 * A dependency file's text. One that cannot be read stops the review: read as absent, every pin in it
 * would be a removal of risk none, which is all a pull request would need to hide a bump.
 */
function utf8(bytes: Buffer, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw new Error(
      `${where} is not UTF-8 text, so its pins cannot be compared: save it as UTF-8, or leave it out with the dependency-files input`
    )
  }
}

const tooLarge = (where: string) =>
  new Error(
    `${where} is larger than ${MAX_DEPENDENCY_FILE_BYTES / 1024 / 1024} MiB, more than a dependency file holds: not read, so no pin of it can be compared`
  )
