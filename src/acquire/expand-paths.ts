import { stat } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'

/** Paths and globs → sorted absolute paths; a pattern that matches nothing is an error naming it. */
export async function expandPaths(
  patterns: string[],
  cwd: string,
  what: string
): Promise<string[]> {
  const found = new Set<string>()
  for (const pattern of patterns) {
    if (!isDynamicPattern(pattern)) {
      const path = isAbsolute(pattern) ? pattern : resolve(cwd, pattern)
      await stat(path).catch(() => {
        throw new Error(`${what}: ${pattern} does not exist`)
      })
      found.add(path)
      continue
    }
    const matches = await glob(pattern, {
      cwd,
      absolute: true,
      onlyFiles: true,
      expandDirectories: false
    })
    if (matches.length === 0) throw new Error(`${what}: no file matches ${pattern} (in ${cwd})`)
    for (const match of matches) found.add(match)
  }
  return [...found].sort()
}
