import { lstat, readlink, realpath, stat, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { writeFileAtomic } from '../publish/write-file-atomic.js'

/**
 * Writes the report to `--output` the way a careful Unix tool does: through a symlink to its target,
 * straight into a device or FIFO (never replacing it), and atomically (temporary file and rename) into a
 * regular file, so that a reader never sees half a report.
 */
export async function writeOutput(path: string, content: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isDirectory()) throw new Error(`--output: ${path} is a folder`)
  if (existing && !existing.isFile()) {
    // Opened through its links, the way a shell redirect would (/dev/stdout → /proc/self/fd/1 → a pipe).
    await writeFile(path, content)
    return
  }
  const target = existing ? await realpath(path) : await followLinks(path)
  const folder = dirname(target)
  const parent = await stat(folder).catch(() => undefined)
  if (!parent?.isDirectory()) throw new Error(`--output: folder ${folder} does not exist`)
  await writeFileAtomic(target, content)
}

/** The path a symlink chain ends at (which need not exist yet); the path itself when it is no link. */
async function followLinks(path: string, hops = 0): Promise<string> {
  const info = await lstat(path).catch(() => undefined)
  if (!info?.isSymbolicLink()) return path
  if (hops >= 32) throw new Error(`--output: ${path}: too many levels of symbolic links`)
  return followLinks(resolve(dirname(path), await readlink(path)), hops + 1)
}
