// Real git repositories for the dependency reviews: a first commit, then a working tree on top of it.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { tempDir } from './sdist.js'

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com'
    }
  }).trim()
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

/** A repository whose first commit holds `base`; the working tree then holds `head`. Returns the base sha. */
export function repository(
  base: Record<string, string>,
  head: Record<string, string>,
  prefix = 'deps-repo-'
): { dir: string; sha: string } {
  const dir = tempDir(prefix)
  git(dir, 'init', '-q', '-b', 'main')
  writeFiles(dir, base)
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'base')
  const sha = git(dir, 'rev-parse', 'HEAD')
  writeFiles(dir, head)
  return { dir, sha }
}
