import * as tc from '@actions/tool-cache'
import { access } from 'node:fs/promises'
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
    async find(sha256, filename) {
      const folder = tc.find(TOOL, key(sha256))
      if (!folder) return undefined
      // The file under the name the index gives now: reports name what the index serves.
      const path = join(folder, safeFilename(filename))
      return access(path).then(
        () => path,
        () => undefined
      )
    },
    async store(path, filename, sha256) {
      // tool-cache joins the name to its folder and copies over whatever is there: a base name only.
      const name = safeFilename(filename)
      const folder = await tc.cacheFile(path, name, TOOL, key(sha256))
      return join(folder, name)
    }
  }
}
