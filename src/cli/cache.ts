import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import type { ArchiveCache } from '../acquire/download.js'
import { folderCache } from '../acquire/folder-cache.js'

/** What the command line says of the download cache: `--cache-dir DIR`, `--no-cache`. */
export interface CacheChoice {
  cacheDir?: string
  noCache?: boolean
}

/**
 * The folder downloads from the index are kept in between runs, keyed by SHA-256: --cache-dir, else
 * SDIST_DIFF_CACHE_DIR, else `sdist-diff` under XDG_CACHE_HOME (~/.cache when unset or relative, as the
 * XDG spec says; %LOCALAPPDATA% on Windows). None with --no-cache or SDIST_DIFF_NO_CACHE set.
 */
export function cacheFolder(choice: CacheChoice, env: NodeJS.ProcessEnv): string | undefined {
  if (choice.noCache || isSet(env.SDIST_DIFF_NO_CACHE)) return undefined
  if (choice.cacheDir) return resolve(choice.cacheDir)
  if (env.SDIST_DIFF_CACHE_DIR) return resolve(env.SDIST_DIFF_CACHE_DIR)
  const xdg = env.XDG_CACHE_HOME
  if (xdg && isAbsolute(xdg)) return join(xdg, 'sdist-diff')
  if (process.platform === 'win32' && env.LOCALAPPDATA)
    return join(env.LOCALAPPDATA, 'sdist-diff', 'cache')
  return join(homedir(), '.cache', 'sdist-diff')
}

export function cliCache(
  choice: CacheChoice,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void
): ArchiveCache | undefined {
  const folder = cacheFolder(choice, env)
  return folder ? folderCache(folder, warn) : undefined
}

const isSet = (value: string | undefined) =>
  value !== undefined && !['', '0', 'false', 'no'].includes(value.toLowerCase())
