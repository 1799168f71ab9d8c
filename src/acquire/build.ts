import { spawn } from 'node:child_process'
import { mkdtemp, readdir } from 'node:fs/promises'
import { join } from 'node:path'

export const DEFAULT_BUILD_COMMAND = 'python -m build --sdist --outdir {outdir}'

/** Runs a shell command in a folder; the Action's runner also folds the output into a log group. */
export type CommandRunner = (command: string, cwd: string, title: string) => Promise<void>

/**
 * Runs through bash so the command reads the same in the Action, the CLI and a terminal. The build's
 * output goes to standard error: standard output carries the report.
 */
export const spawnRunner: CommandRunner = (command, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, stdio: ['ignore', 2, 2] })
    child.on('error', reject)
    child.on('close', code =>
      code === 0
        ? resolve()
        : reject(new Error(`\`${command}\` in ${cwd} exited with status ${code}`))
    )
  })

/**
 * Builds sdists with the command (`{outdir}` replaced) and returns the `.tar.gz` files it wrote, and the
 * wheels when the command builds them too.
 */
export async function buildSdists(
  command: string,
  cwd: string,
  run: CommandRunner,
  title: string,
  workdir: string
): Promise<string[]> {
  const outdir = await mkdtemp(join(workdir, 'build-'))
  const resolved = command.includes('{outdir}')
    ? command.replaceAll('{outdir}', shellQuote(outdir))
    : command
  await run(resolved, cwd, title)
  const built = (await readdir(outdir))
    .filter(name => name.endsWith('.tar.gz') || name.endsWith('.whl'))
    .sort()
  if (!built.some(name => name.endsWith('.tar.gz'))) {
    throw new Error(
      `\`${resolved}\` wrote no .tar.gz into ${outdir}: the build command must write sdists to {outdir}`
    )
  }
  return built.map(name => join(outdir, name))
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}
