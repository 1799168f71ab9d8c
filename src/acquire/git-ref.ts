import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { buildSdists, type CommandRunner } from './build.js'

const git = promisify(execFile)

/** Builds the sdists of a git ref from a temporary worktree, removed afterwards. */
export async function buildGitRef(
  ref: string,
  repository: string,
  command: string,
  run: CommandRunner
): Promise<string[]> {
  if (ref.trim() === '' || ref.startsWith('-'))
    throw new Error(`previous: "git:${ref}" does not name a git ref`)
  const worktree = join(await mkdtemp(join(tmpdir(), 'sdist-diff-git-')), 'worktree')
  try {
    await git('git', ['-C', repository, 'worktree', 'add', '--detach', worktree, `${ref}^{commit}`])
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim()
    throw new Error(
      `cannot check out git ref "${ref}" in ${repository}: ${stderr.split('\n').pop()} (fetch it first, e.g. actions/checkout with fetch-depth: 0)`
    )
  }
  try {
    return await buildSdists(command, worktree, run, `Build the previous sdists from ${ref}`)
  } finally {
    await git('git', ['-C', repository, 'worktree', 'remove', '--force', worktree]).catch(
      () => undefined
    )
    await rm(worktree, { recursive: true, force: true })
  }
}
