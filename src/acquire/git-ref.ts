import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { buildSdists, type CommandRunner } from './build.js'

const git = promisify(execFile)

/** Builds the sdists of a git ref from a temporary worktree, removed afterwards. */
export async function buildGitRef(
  ref: string,
  repository: string,
  command: string,
  run: CommandRunner,
  workdir: string
): Promise<string[]> {
  if (ref.trim() === '' || ref.startsWith('-'))
    throw new Error(`previous: "git:${ref}" does not name a git ref`)
  const parent = await mkdtemp(join(workdir, 'git-'))
  const worktree = join(parent, 'worktree')
  try {
    await git('git', ['-C', repository, 'worktree', 'add', '--detach', worktree, `${ref}^{commit}`])
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim()
    throw new Error(
      `cannot check out git ref "${ref}" in ${repository}: ${stderr.split('\n').pop()} (fetch it first, e.g. actions/checkout with fetch-depth: 0)`
    )
  }
  try {
    return await buildSdists(
      command,
      worktree,
      run,
      `Build the previous sdists from ${ref}`,
      workdir
    )
  } finally {
    await git('git', ['-C', repository, 'worktree', 'remove', '--force', worktree]).catch(
      () => undefined
    )
    await rm(parent, { recursive: true, force: true })
  }
}
