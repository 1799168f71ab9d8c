import { describe, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../helpers/target.js'
import { BUILD_COMMAND, git, withPython } from '../helpers/python-build.js'
import { runAction } from '../helpers/runner.js'
import { tempDir } from '../helpers/sdist.js'

function writeProject(dir: string, version: string, requiresPython: string): void {
  mkdirSync(join(dir, 'src', 'demo_pkg'), { recursive: true })
  writeFileSync(
    join(dir, 'pyproject.toml'),
    [
      '[build-system]',
      'requires = ["setuptools>=61"]',
      'build-backend = "setuptools.build_meta"',
      '',
      '[project]',
      'name = "demo-pkg"',
      `version = "${version}"`,
      `requires-python = "${requiresPython}"`,
      'dependencies = ["requests>=2"]',
      '',
      '[project.scripts]',
      'demo = "demo_pkg:main"',
      ''
    ].join('\n')
  )
  writeFileSync(
    join(dir, 'src', 'demo_pkg', '__init__.py'),
    `def main():\n    return "${version}"\n`
  )
}

/** A git repository holding the project at version 1.0, committed. */
function projectRepo(): string {
  const repo = tempDir('project-')
  writeProject(repo, '1.0', '>=3.8')
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '.')
  git(repo, 'commit', '-q', '-m', 'v1.0')
  return repo
}

const withBackend = withPython(
  ['setuptools'],
  'python3-build python3-setuptools',
  'the build-backend tests'
)

describe('sdists built by a real build backend', () => {
  withBackend(
    'builds the current sdist and builds the previous one from a git tag in a temporary worktree',
    async () => {
      const repo = projectRepo()
      git(repo, 'tag', 'v1.0')
      writeProject(repo, '1.1', '>=3.10')
      git(repo, 'commit', '-q', '-am', 'v1.1')
      const result = await runAction({
        with: {
          previous: 'git:v1.0',
          'build-command': BUILD_COMMAND,
          'working-directory': repo,
          'fail-on': 'none'
        },
        cwd: repo
      })
      expect(result.stdout).not.toContain('::error::')
      expect(result.stdout).toContain('::group::Build the current sdists')
      expect(result.stdout).toContain('::group::Build the previous sdists from v1.0')
      const [report] = result.report.packages
      expect(report.previous).toMatchObject({
        name: 'demo-pkg',
        version: '1.0',
        filename: expect.stringMatching(/^demo[-_]pkg-1\.0\.tar\.gz$/)
      })
      expect(report.current).toMatchObject({ version: '1.1' })
      expect(report.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            rule: 'requires-python-narrowed',
            message: expect.stringMatching(/^Python 3\.8, 3\.9 are no longer supported/)
          })
        ])
      )
      expect(
        report.findings.filter((f: { rule: string }) => f.rule === 'metadata-inconsistent')
      ).toEqual([])
      expect(
        execFileSync('git', ['worktree', 'list'], { cwd: repo, encoding: 'utf8' })
          .trim()
          .split('\n')
      ).toHaveLength(1)
    }
  )

  withBackend(
    'says which ref could not be checked out, and a build command that writes no sdist fails clearly',
    async () => {
      const repo = projectRepo()
      const missingRef = await runCli([
        '--previous',
        'git:v0.9',
        '--build-command',
        BUILD_COMMAND,
        '--working-directory',
        repo
      ])
      expect(missingRef.code).toBe(2)
      expect(missingRef.stderr).toMatch(/cannot check out git ref "v0\.9" in .*: .*fetch-depth: 0/)
      const nothing = await runCli([
        '--previous',
        'git:HEAD',
        '--build-command',
        'true',
        '--working-directory',
        repo
      ])
      expect(nothing.code).toBe(2)
      expect(nothing.stderr).toMatch(
        /`true` wrote no \.tar\.gz into .*: the build command must write sdists to \{outdir\}/
      )
    }
  )
})
