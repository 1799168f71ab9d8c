import * as tc from '@actions/tool-cache'
import { join } from 'node:path'
import type { ArchiveCache } from '../acquire/download.js'
import { safeFilename } from '../util/safe-filename.js'

const TOOL = 'sdist-diff-sdists'

// tool-cache keys by semver; a content hash as a pre-release tag makes one (and needs no PEP 440 mapping).
const key = (sha256: string) => `0.0.0-h${sha256}`

/** Keeps downloaded sdists in the runner's tool cache, keyed by SHA-256. */
export function toolCacheForArchives(): ArchiveCache | undefined {
  if (!process.env.RUNNER_TOOL_CACHE) return undefined
  return {
    async find(sha256) {
      const folder = tc.find(TOOL, key(sha256))
      if (!folder) return undefined
      const [name] = await import('node:fs/promises').then(fs => fs.readdir(folder))
      return name ? join(folder, name) : undefined
    },
    async store(path, filename, sha256) {
      // tool-cache joins the name to its folder and copies over whatever is there: a base name only.
      const name = safeFilename(filename)
      const folder = await tc.cacheFile(path, name, TOOL, key(sha256))
      return join(folder, name)
    }
  }
}
