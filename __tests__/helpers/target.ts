// Runs the CLI or the Action against the sources (in this process, so that coverage counts) or, with
// SDIST_DIFF_TARGET=dist, the bundled dist/ with plain node, the way a user and the Actions runner do.
import * as core from '@actions/core'
import { Readable } from 'node:stream'
import { ACTION, CLI, REPO, runNode, type RunResult } from './run-dist.js'

export const TARGET: 'src' | 'dist' = process.env.SDIST_DIFF_TARGET === 'dist' ? 'dist' : 'src'

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = REPO,
  stdin?: Buffer
): Promise<RunResult> {
  if (TARGET === 'dist') return runNode(CLI, args, env, cwd, stdin)
  return inProcess(env, cwd, async io => {
    const { runCli: cli } = await import('../../src/cli/main.js')
    return cli(args, { ...io, stdin: Readable.from(stdin ? [stdin] : []) })
  })
}

export function runActionEntry(env: NodeJS.ProcessEnv, cwd = REPO): Promise<RunResult> {
  if (TARGET === 'dist') return runNode(ACTION, [], env, cwd)
  return inProcess(env, cwd, async () => {
    // @actions/core keeps the summary file's path once it has read it; each run has its own file.
    Object.assign(core.summary as object, { _filePath: undefined })
    core.summary.emptyBuffer()
    const { run } = await import('../../src/main.js')
    await run()
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  })
}

interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * One run at a time in this process: its environment and working folder in place, what it writes to
 * stdout and stderr captured, and all of it (and the exit code) restored afterwards.
 */
function inProcess(
  env: NodeJS.ProcessEnv,
  cwd: string,
  body: (io: Io) => Promise<number>
): Promise<RunResult> {
  const result = queue.then(async () => {
    const saved = { env: { ...process.env }, cwd: process.cwd(), exitCode: process.exitCode }
    const writes = { out: process.stdout.write, err: process.stderr.write }
    let stdout = ''
    let stderr = ''
    replaceEnv(env)
    process.chdir(cwd)
    process.exitCode = undefined
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout += String(chunk)
      return true
    }) as typeof process.stdout.write
    process.stderr.write = ((chunk: string | Uint8Array) => {
      stderr += String(chunk)
      return true
    }) as typeof process.stderr.write
    try {
      const code = await body({ stdout: t => (stdout += t), stderr: t => (stderr += t) })
      return { code, stdout, stderr }
    } finally {
      process.stdout.write = writes.out
      process.stderr.write = writes.err
      process.chdir(saved.cwd)
      replaceEnv(saved.env)
      process.exitCode = saved.exitCode
    }
  })
  queue = result.catch(() => undefined)
  return result
}

function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key]
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value
}
