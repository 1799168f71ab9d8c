import { randomBytes } from 'node:crypto'
import { access, copyFile, mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { safeFilename } from '../util/safe-filename.js'
import type { ArchiveCache } from './download.js'

const SHA256 = /^[0-9a-f]{64}$/

/**
 * Downloads kept between runs in a folder of their own (the CLI's per-user cache): `<folder>/<sha256>/<file
 * name>`. A file is copied to a temporary name beside its place and renamed into it, so that no run ever
 * reads half of one; the download stage checks a cached file's SHA-256 before it reuses it. A cache that
 * cannot be written is no error: the run goes on with its download.
 */
export function folderCache(folder: string, warn?: (message: string) => void): ArchiveCache {
  const place = (sha256: string, filename: string) =>
    SHA256.test(sha256) ? join(folder, sha256, safeFilename(filename)) : undefined
  return {
    async find(sha256, filename) {
      const path = place(sha256, filename)
      if (!path) return undefined
      return access(path).then(
        () => path,
        () => undefined
      )
    },
    async store(path, filename, sha256) {
      const target = place(sha256, filename)
      if (!target) return path
      const temp = join(folder, sha256, `.${randomBytes(8).toString('hex')}.part`)
      try {
        await mkdir(join(folder, sha256), { recursive: true })
        await copyFile(path, temp)
        await rename(temp, target)
        return target
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined)
        warn?.(
          `the download cache ${folder} could not keep ${filename}: ${(error as Error).message}`
        )
        return path
      }
    }
  }
}
