// Real build backends from Debian (installed by .ci/run): python3-build with setuptools, flit_core and
// hatchling. Builds run without isolation (an isolated build would download its backend; tests reach
// nothing beyond loopback) and without the dependency check (Debian's hatchling lacks `editables`).
import { it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from './sdist.js'

/** The Action's and the CLI's `build-command` for a real backend. */
export const BUILD_COMMAND =
  '/usr/bin/python3 -m build --sdist --no-isolation --skip-dependency-check --outdir {outdir}'

/**
 * `it` when these Python modules import (CI installs them and always runs the tests), `it.skip` with a
 * warning naming the packages to install elsewhere.
 */
export function withPython(modules: string[], packages: string, what: string): typeof it {
  let present = true
  try {
    execFileSync('/usr/bin/python3', ['-c', `import build, ${modules.join(', ')}`], {
      stdio: 'ignore'
    })
  } catch {
    present = false
  }
  if (!present && !process.env.CI)
    console.warn(`Skipping ${what}: apt-get install ${packages} (CI always runs them)`)
  return present || process.env.CI ? it : (it.skip as typeof it)
}

/** Builds the project folder as it is on disk and returns the sdist's path. */
export function buildProject(project: string): string {
  const out = tempDir('built-')
  execFileSync(
    '/usr/bin/python3',
    [
      '-m',
      'build',
      '--sdist',
      '--no-isolation',
      '--skip-dependency-check',
      '--outdir',
      out,
      project
    ],
    { stdio: 'ignore' }
  )
  const [file = ''] = readdirSync(out)
  return join(out, file)
}

/** git with a fixed identity, quiet. */
export function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd,
    stdio: 'ignore'
  })
}
