import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const CLI = join(REPO, 'dist', 'cli', 'index.js')
export const ACTION = join(REPO, 'dist', 'index.js')

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a bundled entry point with plain node, the way a user or the Actions runner does. */
export function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = REPO,
  input?: Buffer
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, cwd })
    child.stdin.end(input)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolvePromise({ code, stdout, stderr }))
  })
}
