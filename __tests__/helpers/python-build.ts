// Real build backends from Debian (installed by .ci/run): python3-build with setuptools, flit_core and
// hatchling. Builds run without isolation (an isolated build would download its backend; tests reach
// nothing beyond loopback) and without the dependency check (Debian's hatchling lacks `editables`).
import { it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
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

export type Backend = 'setuptools' | 'flit' | 'hatchling'

export const BUILD_SYSTEM: Record<Backend, string[]> = {
  setuptools: ['requires = ["setuptools>=61"]', 'build-backend = "setuptools.build_meta"'],
  flit: ['requires = ["flit_core>=3.4,<4"]', 'build-backend = "flit_core.buildapi"'],
  hatchling: ['requires = ["hatchling"]', 'build-backend = "hatchling.build"']
}

/**
 * Builds the sdist and then, from it, the wheel (what `python -m build` does), or only one of them from
 * the tree; returns the paths (empty for one not built).
 */
export function buildDistributions(
  project: string,
  only?: '--sdist' | '--wheel'
): { sdist: string; wheel: string } {
  const out = tempDir('built-')
  execFileSync(
    '/usr/bin/python3',
    [
      '-m',
      'build',
      ...(only ? [only] : []),
      '--no-isolation',
      '--skip-dependency-check',
      '--outdir',
      out,
      project
    ],
    { stdio: 'ignore' }
  )
  const files = readdirSync(out)
  const pick = (suffix: string) => {
    const file = files.find(f => f.endsWith(suffix))
    return file ? join(out, file) : ''
  }
  return { sdist: pick('.tar.gz'), wheel: pick('.whl') }
}

/** Builds the project folder as it is on disk and returns the sdist's path. */
export function buildProject(project: string): string {
  return buildDistributions(project, '--sdist').sdist
}

/** git with a fixed identity, quiet. */
export function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd,
    stdio: 'ignore'
  })
}

/**
 * A one-package demo project for `backend`: pyproject.toml (with `project` lines added to `[project]`)
 * and `__init__.py`, in the layout the backend expects (under src/ for setuptools); returns the package
 * folder.
 */
export function writeDemoProject(
  dir: string,
  backend: Backend,
  name: string,
  version: string,
  project: string[] = []
): string {
  const module = name.replaceAll('-', '_')
  const folder = backend === 'setuptools' ? join(dir, 'src', module) : join(dir, module)
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    join(dir, 'pyproject.toml'),
    [
      '[build-system]',
      ...BUILD_SYSTEM[backend],
      '',
      '[project]',
      `name = "${name}"`,
      `version = "${version}"`,
      'description = "A demo."',
      ...project,
      ''
    ].join('\n')
  )
  writeFileSync(join(folder, '__init__.py'), `"""A demo."""\n__version__ = "${version}"\n`)
  return folder
}

/** `demo-whl` with a typed-package marker and a data file, shipped in the wheel by every backend. */
export function writeWheelProject(
  dir: string,
  backend: Backend,
  version: string,
  project: string[] = []
): string {
  const folder = writeDemoProject(dir, backend, 'demo-whl', version, project)
  mkdirSync(join(folder, 'data'))
  writeFileSync(join(folder, 'py.typed'), '')
  writeFileSync(join(folder, 'data', 'defaults.json'), '{"a": 1}\n')
  if (backend === 'setuptools')
    writeFileSync(
      join(dir, 'pyproject.toml'),
      '\n[tool.setuptools.package-data]\ndemo_whl = ["py.typed", "data/*.json"]\n',
      { flag: 'a' }
    )
  return dir
}

/** `it` when all three Debian backends (setuptools, flit, hatchling) import; see withPython. */
export function withBackendsFor(what: string): typeof it {
  return withPython(
    ['setuptools', 'flit_core', 'hatchling'],
    'python3-build python3-setuptools flit python3-hatchling',
    what
  )
}
