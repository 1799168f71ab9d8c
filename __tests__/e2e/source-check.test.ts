import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { appendFileSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction } from '../helpers/runner.js'
import {
  BUILD_COMMAND,
  buildProject,
  git,
  withBackendsFor,
  writeDemoProject,
  type Backend
} from '../helpers/python-build.js'
import { runCli } from '../helpers/target.js'
import { readGitTree } from '../../src/acquire/git-source.js'
import { compareWithSource } from '../../src/compare/source.js'
import { readPackageMetadata } from '../../src/read/package-metadata.js'
import { DEFAULT_READ_LIMITS, readArchive } from '../../src/read/read-archive.js'
import { SEED_RC2, SEED_RC3, buildSdist, tempDir } from '../helpers/sdist.js'

const withBackends = withBackendsFor('the source-check tests')

/** A project with one package, `demo_src`, under the layout each backend expects. */
function writeProject(dir: string, backend: Backend, version: string): void {
  writeDemoProject(dir, backend, 'demo-src', version, ['requires-python = ">=3.8"'])
}

/** A git repository holding the project at 1.0, committed and tagged v1.0. */
function repository(backend: Backend): string {
  const repo = tempDir(`source-${backend}-`)
  writeProject(repo, backend, '1.0')
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '.')
  git(repo, 'commit', '-q', '-m', 'v1.0')
  git(repo, 'tag', 'v1.0')
  return repo
}

/** Commits version 1.1 and runs the Action on it, building the current sdist from the checkout. */
async function release(
  repo: string,
  backend: Backend,
  previous: string,
  before: () => void = () => undefined,
  env: NodeJS.ProcessEnv = {}
) {
  writeProject(repo, backend, '1.1')
  git(repo, 'commit', '-q', '-am', 'v1.1')
  before()
  const result = await runAction({
    with: {
      previous,
      'build-command': BUILD_COMMAND,
      'working-directory': repo,
      'fail-on': 'none'
    },
    cwd: repo,
    env
  })
  expect(result.stdout).not.toContain('::error::')
  return { result, findings: result.report.packages[0].findings as { rule: string }[] }
}

const SOURCE_RULES = [
  'file-not-in-source',
  'source-file-missing',
  'file-differs-from-source',
  'version-tag-mismatch',
  'release-differs-from-tag'
]
const provenance = (findings: { rule: string }[]) =>
  findings.filter(f => SOURCE_RULES.includes(f.rule))

describe('the source check: is the sdist what the repository holds?', () => {
  for (const backend of ['setuptools', 'flit', 'hatchling'] as Backend[]) {
    withBackends(
      `a clean release built from a clean checkout by ${backend} gives no provenance finding`,
      async () => {
        const repo = repository(backend)
        const previous = buildProject(repo)
        const { findings, result } = await release(repo, backend, previous, () => {
          git(repo, 'tag', 'v1.1')
        })
        expect(provenance(findings)).toEqual([])
        expect(result.stdout).not.toContain('No tag for')
      },
      60_000
    )
  }

  withBackends(
    'an uncommitted module shipped is file-not-in-source (high: code that runs)',
    async () => {
      const repo = repository('setuptools')
      const { findings } = await release(repo, 'setuptools', buildProject(repo), () =>
        writeFileSync(join(repo, 'src', 'demo_src', 'scratch.py'), 'print("local experiment")\n')
      )
      expect(provenance(findings)).toEqual([
        expect.objectContaining({
          rule: 'file-not-in-source',
          severity: 'high',
          path: 'src/demo_src/scratch.py',
          message: expect.stringMatching(
            /^src\/demo_src\/scratch\.py is in the sdist but not in git at HEAD \([0-9a-f]{7}\)/
          )
        })
      ])
    },
    60_000
  )

  withBackends(
    'a committed data file the sdist leaves out is source-file-missing (medium when shipped before)',
    async () => {
      // Never shipped: the data file and the rule that leaves it out come together in 1.1.
      const fresh = repository('hatchling')
      const { findings } = await release(fresh, 'hatchling', buildProject(fresh), () => {
        writeFileSync(join(fresh, 'demo_src', 'defaults.json'), '{"a": 1}\n')
        appendFileSync(
          join(fresh, 'pyproject.toml'),
          '\n[tool.hatch.build.targets.sdist]\nexclude = ["demo_src/defaults.json"]\n'
        )
        git(fresh, 'add', '.')
        git(fresh, 'commit', '-q', '-m', 'data, not shipped')
      })
      expect(provenance(findings)).toEqual([
        expect.objectContaining({
          rule: 'source-file-missing',
          severity: 'low',
          path: 'demo_src/defaults.json'
        })
      ])
      // hatchling shipped it in 1.0; an exclude rule committed for 1.1 drops it.
      const hatch = repository('hatchling')
      writeFileSync(join(hatch, 'demo_src', 'defaults.json'), '{"a": 1}\n')
      git(hatch, 'add', '.')
      git(hatch, 'commit', '-q', '-m', 'data')
      git(hatch, 'tag', '-f', 'v1.0')
      const { findings: dropped } = await release(hatch, 'hatchling', buildProject(hatch), () => {
        appendFileSync(
          join(hatch, 'pyproject.toml'),
          '\n[tool.hatch.build.targets.sdist]\nexclude = ["demo_src/defaults.json"]\n'
        )
        git(hatch, 'commit', '-q', '-am', 'exclude')
      })
      expect(provenance(dropped)).toEqual([
        expect.objectContaining({
          rule: 'source-file-missing',
          severity: 'medium',
          path: 'demo_src/defaults.json',
          message: expect.stringMatching(/the previous release shipped it$/)
        })
      ])
    },
    90_000
  )

  withBackends(
    'a file edited after the commit is file-differs-from-source (high for Python code)',
    async () => {
      const repo = repository('hatchling')
      const { findings } = await release(repo, 'hatchling', buildProject(repo), () =>
        appendFileSync(join(repo, 'demo_src', '__init__.py'), 'DEBUG = True\n')
      )
      expect(provenance(findings)).toEqual([
        expect.objectContaining({
          rule: 'file-differs-from-source',
          severity: 'high',
          path: 'demo_src/__init__.py'
        })
      ])
    },
    60_000
  )

  withBackends(
    'a pushed tag naming another version is version-tag-mismatch; a tag of another package is not',
    async () => {
      const repo = repository('flit')
      const { findings } = await release(repo, 'flit', buildProject(repo), undefined, {
        GITHUB_REF: 'refs/tags/v1.2'
      })
      expect(provenance(findings)).toEqual([
        expect.objectContaining({
          rule: 'version-tag-mismatch',
          severity: 'high',
          message:
            'tag v1.2 names version 1.2 but the sdist is version 1.1: the tag and the release disagree'
        })
      ])
      const other = repository('flit')
      const { findings: others } = await release(other, 'flit', buildProject(other), undefined, {
        GITHUB_REF: 'refs/tags/another-pkg-v2.0'
      })
      expect(provenance(others)).toEqual([])
      const normalised = repository('flit')
      const { findings: same } = await release(
        normalised,
        'flit',
        buildProject(normalised),
        undefined,
        {
          GITHUB_REF: 'refs/tags/demo_src-v1.1.0'
        }
      )
      expect(provenance(same)).toEqual([])
    },
    90_000
  )

  withBackends(
    'a published previous release holding a module absent at its tag is release-differs-from-tag',
    async () => {
      const repo = repository('flit')
      // The published 1.0 was built from a tree with a module that was never committed.
      writeFileSync(join(repo, 'demo_src', 'payload.py'), 'import os\n')
      const published = buildProject(repo)
      execFileSync('rm', [join(repo, 'demo_src', 'payload.py')])
      const { findings } = await release(repo, 'flit', published)
      expect(provenance(findings)).toEqual([
        expect.objectContaining({
          rule: 'release-differs-from-tag',
          severity: 'high',
          message: expect.stringMatching(
            /^the previous release 1\.0 holds files that are not in its tag v1\.0 \([0-9a-f]{7}\) or differ from it: demo_src\/payload\.py; it was not built from the repository$/
          )
        })
      ])
    },
    60_000
  )

  withBackends(
    'a previous version without a tag is one notice, not an error; source-check false turns it all off',
    async () => {
      const repo = repository('flit')
      git(repo, 'tag', '-d', 'v1.0')
      const { result, findings } = await release(repo, 'flit', buildProject(repo), () =>
        writeFileSync(join(repo, 'demo_src', 'scratch.py'), 'x = 1\n')
      )
      expect(result.stdout).toContain(
        '::notice::No tag for demo-src 1.0 in the repository: the previous release was not compared with its source.'
      )
      expect(provenance(findings).map(f => f.rule)).toEqual(['file-not-in-source'])
      const off = await runAction({
        with: {
          previous: buildProject(repo),
          'build-command': BUILD_COMMAND,
          'working-directory': repo,
          'fail-on': 'none',
          'source-check': 'false'
        },
        cwd: repo
      })
      expect(provenance(off.report.packages[0].findings)).toEqual([])
    },
    90_000
  )

  withBackends(
    'the CLI release form checks the source in a git checkout, and refuses source-check true outside one',
    async () => {
      const repo = repository('flit')
      const previous = buildProject(repo)
      writeProject(repo, 'flit', '1.1')
      git(repo, 'commit', '-q', '-am', 'v1.1')
      writeFileSync(join(repo, 'demo_src', 'scratch.py'), 'x = 1\n')
      const result = await runCli(
        [
          '--previous',
          previous,
          '--build-command',
          BUILD_COMMAND,
          '--working-directory',
          repo,
          '--format',
          'json',
          '--fail-on',
          'none'
        ],
        process.env,
        repo
      )
      expect(result.code).toBe(0)
      const report = JSON.parse(result.stdout)
      expect(provenance(report.packages[0].findings).map(f => f.rule)).toEqual([
        'file-not-in-source'
      ])
      const outside = tempDir('not-git-')
      const refused = await runCli(
        [
          '--previous',
          previous,
          '--source-check',
          'true',
          '--working-directory',
          outside,
          previous
        ],
        process.env,
        outside
      )
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/source-check is true but .* is not inside a git work tree/)
    },
    60_000
  )

  withBackends(
    'a shallow clone without tags degrades to notices, never an error',
    async () => {
      const origin = repository('flit')
      const previous = buildProject(origin)
      writeProject(origin, 'flit', '1.1')
      git(origin, 'commit', '-q', '-am', 'v1.1')
      const shallow = join(tempDir('shallow-'), 'checkout')
      git(tempDir(), 'clone', '-q', '--depth', '1', '--no-tags', `file://${origin}`, shallow)
      const result = await runAction({
        with: {
          previous,
          'build-command': BUILD_COMMAND,
          'working-directory': shallow,
          'fail-on': 'none'
        },
        cwd: shallow
      })
      expect(result.stdout).not.toContain('::error::')
      expect(result.stdout).toContain('::notice::The checkout is shallow')
      expect(result.stdout).toContain('::notice::No tag for demo-src 1.0 in the repository')
      expect(provenance(result.report.packages[0].findings)).toEqual([])
    },
    60_000
  )

  it('an sdist given from a checkout it does not come from is one notice, not a flood of findings', async () => {
    const repo = tempDir('unrelated-')
    writeFileSync(join(repo, 'README.md'), '# another project\n')
    copyFileSync(SEED_RC2, join(repo, 'previous.tar.gz'))
    copyFileSync(SEED_RC3, join(repo, 'current.tar.gz'))
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'fixtures')
    const result = await runAction({
      with: { previous: 'previous.tar.gz', current: 'current.tar.gz', 'fail-on': 'none' },
      cwd: repo,
      env: { GITHUB_WORKSPACE: repo }
    })
    expect(result.stdout).toContain(
      '::notice::backend.ai-kernel-helper 24.3.0rc3: none of its files is tracked in this repository, so it was not compared with the source.'
    )
    expect(provenance(result.report.packages[0].findings)).toEqual([])
  })
})

describe('the source check follows committed symlinks', () => {
  it('a file shipped through a symlinked folder is what git holds at the link target', async () => {
    // requests keeps tests/certs/mtls/client/ca as a link to ../../expired/ca/; setuptools ships its files.
    const repo = tempDir('symlinks-')
    mkdirSync(join(repo, 'tests', 'certs', 'expired', 'ca'), { recursive: true })
    mkdirSync(join(repo, 'tests', 'certs', 'client'), { recursive: true })
    writeFileSync(join(repo, 'tests', 'certs', 'expired', 'ca', 'ca.cnf'), '[ca]\n')
    symlinkSync('../expired/ca/', join(repo, 'tests', 'certs', 'client', 'ca'))
    writeFileSync(join(repo, 'setup.py'), 'from setuptools import setup\nsetup()\n')
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'certs')
    const sdist = buildSdist(tempDir(), {
      name: 'demo',
      version: '1.0',
      files: {
        'setup.py': 'from setuptools import setup\nsetup()\n',
        'tests/certs/expired/ca/ca.cnf': '[ca]\n',
        'tests/certs/client/ca/ca.cnf': '[ca]\n',
        'tests/certs/client/ca/stray.txt': 'not committed\n'
      }
    })
    const read = await readArchive(sdist, { ...DEFAULT_READ_LIMITS, gitBlobIds: true })
    const tree = await readGitTree(repo, 'HEAD')
    const source = compareWithSource(read, readPackageMetadata(read), tree)
    expect(source?.notInSource).toEqual(['tests/certs/client/ca/stray.txt'])
    expect(source?.differs).toEqual([])
  })
})
