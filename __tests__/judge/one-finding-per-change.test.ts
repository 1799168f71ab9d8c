import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_STAGE_OPTIONS, diffArchives } from '../../src/pipeline/index.js'
import type { JudgeConfig } from '../../src/judge/judge.js'
import type { Report } from '../../src/report/types.js'
import { buildProject, withPython } from '../helpers/python-build.js'
import { buildSdist, pkgInfo, tempDir, type SdistSpec } from '../helpers/sdist.js'

async function compare(
  before: SdistSpec['files'],
  after: SdistSpec['files'],
  judge?: JudgeConfig
): Promise<Report> {
  return diffArchives(
    buildSdist(tempDir(), { files: before }),
    buildSdist(tempDir(), { version: '1.1', files: after }),
    judge ? { ...DEFAULT_STAGE_OPTIONS, judge } : DEFAULT_STAGE_OPTIONS
  )
}

const withoutVersion = (report: Report) => report.findings.filter(f => f.rule !== 'version-changed')

/** `count` files named `${prefix}N.txt`, each with distinct content. */
function files(prefix: string, count: number, content = (i: number) => `file ${i}\n`) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`${prefix}${i}.txt`, content(i)])
  )
}

describe('files added, removed or renamed under one folder', () => {
  it('fold into one finding per folder past five files; the JSON files list keeps every path', async () => {
    const report = await compare({}, { ...files('tests/data/case', 7), 'NEWS.md': 'x' })
    expect(withoutVersion(report)).toEqual([
      {
        rule: 'file-added',
        severity: 'info',
        path: 'NEWS.md',
        message: 'NEWS.md was added'
      },
      {
        rule: 'file-added',
        severity: 'info',
        path: 'tests/data/',
        message:
          '7 files added under tests/data/: case0.txt, case1.txt, case2.txt, case3.txt, … (3 more)'
      }
    ])
    expect(report.files.added).toHaveLength(8)
  })

  it('stay one finding each at five files', async () => {
    const report = await compare({}, files('docs/page', 5))
    expect(withoutVersion(report).map(f => f.path)).toEqual([
      'docs/page0.txt',
      'docs/page1.txt',
      'docs/page2.txt',
      'docs/page3.txt',
      'docs/page4.txt'
    ])
  })

  it('fold at the deepest folder that holds them all, across subfolders', async () => {
    const added = {
      ...files('tests/examplefiles/lean/t', 3),
      ...files('tests/examplefiles/luau/t', 3),
      ...files('tests/examplefiles/mojo/t', 2)
    }
    const report = await compare({ 'tests/examplefiles/README': 'x' }, added)
    expect(withoutVersion(report).filter(f => f.rule === 'file-added')).toEqual([
      expect.objectContaining({
        path: 'tests/examplefiles/',
        message: expect.stringMatching(/^8 files added under tests\/examplefiles\/: lean\/t0\.txt/)
      })
    ])
  })

  it('removed files fold the same way, with their severity', async () => {
    const report = await compare(
      { ...files('src/pkg/stubs/m', 9), 'keep.py': 'x' },
      { 'keep.py': 'x' }
    )
    expect(withoutVersion(report)).toEqual([
      expect.objectContaining({
        rule: 'file-removed',
        severity: 'low',
        path: 'src/pkg/stubs/',
        message: expect.stringMatching(/^folder src\/pkg\/stubs\/ was removed \(9 files: /)
      })
    ])
    expect(report.files.removed).toHaveLength(9)
  })

  it('a folder renamed as a whole is one rename, even with few files and small edits', async () => {
    const module = (i: number) =>
      Array.from({ length: 20 }, (_, line) => `value_${i}_${line} = ${line}\n`).join('')
    const before = files('src/oldname/m', 3, module)
    const after = files('src/newname/m', 3, module)
    after['src/newname/m2.txt'] = module(2).replace('value_2_0 = 0', 'value_2_0 = 42')
    const report = await compare(before, after)
    expect(withoutVersion(report)).toEqual([
      {
        rule: 'file-renamed',
        severity: 'info',
        path: 'src/newname/',
        message: 'folder src/oldname/ was renamed to src/newname/ (3 files, 1 with edits)'
      }
    ])
    expect(report.files.renamed).toHaveLength(3)
  })

  it('files moving out of a folder that stays are listed one by one up to five', async () => {
    const before = { ...files('lib/m', 2), 'lib/stays.txt': 'stay' }
    const after = { ...files('pkg/m', 2), 'lib/stays.txt': 'stay' }
    const report = await compare(before, after)
    expect(withoutVersion(report).map(f => f.message)).toEqual([
      'lib/m0.txt was renamed to pkg/m0.txt',
      'lib/m1.txt was renamed to pkg/m1.txt'
    ])
  })

  it('many files with the same permission change are one finding; an executable bit is low', async () => {
    const before = Object.fromEntries(
      Object.entries(files('src/a', 8)).map(([path, content]) => [path, { content, mode: 0o664 }])
    )
    const after = Object.fromEntries(
      Object.entries(files('src/a', 8)).map(([path, content]) => [path, { content, mode: 0o644 }])
    )
    const report = await compare(
      { ...before, 'run.sh': { content: 'x', mode: 0o644 } },
      { ...after, 'run.sh': { content: 'x', mode: 0o755 } }
    )
    expect(withoutVersion(report).map(f => [f.severity, f.message])).toEqual([
      ['low', 'run.sh mode changed from 0644 to 0755 (now executable)'],
      [
        'info',
        '8 files changed mode from 0664 to 0644: src/a0.txt, src/a1.txt, src/a2.txt, src/a3.txt, … (4 more)'
      ]
    ])
  })

  it('ignore-paths applies to each file before folding', async () => {
    const report = await compare({}, files('tests/data/case', 7), {
      rules: {},
      ignorePaths: ['tests/data/case[0-2].txt']
    })
    expect(withoutVersion(report).map(f => f.path)).toEqual([
      'tests/data/case3.txt',
      'tests/data/case4.txt',
      'tests/data/case5.txt',
      'tests/data/case6.txt'
    ])
  })
})

describe('a file renamed with small edits', () => {
  it('is one rename with its diff, not a removal and an addition', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join('')
    const report = await compare(
      { 'src/demo/util.py': body },
      { 'src/demo/helpers/util.py': body.replace('line 7\n', 'line seven\n') }
    )
    expect(withoutVersion(report)).toEqual([
      {
        rule: 'file-renamed',
        severity: 'info',
        path: 'src/demo/helpers/util.py',
        message:
          'src/demo/util.py was renamed to src/demo/helpers/util.py with edits (96% of lines kept)'
      }
    ])
    expect(report.files).toMatchObject({
      added: [],
      removed: [],
      renamed: [{ from: 'src/demo/util.py', to: 'src/demo/helpers/util.py', similarity: 96 }]
    })
    const diff = report.diffs.find(d => d.oldPath !== undefined)
    expect(diff).toMatchObject({ path: 'src/demo/helpers/util.py', oldPath: 'src/demo/util.py' })
    expect(diff?.patch).toContain('--- a/src/demo/util.py\n+++ b/src/demo/helpers/util.py')
    expect(diff?.patch).toContain('-line 7\n+line seven')
  })

  it('is an addition and a removal when little of the content is kept', async () => {
    const report = await compare(
      { 'a/util.py': 'one\ntwo\nthree\nfour\n' },
      { 'b/util.py': 'one\nfive\nsix\nseven\n' }
    )
    expect(report.files.renamed).toEqual([])
    expect(report.files.added).toEqual(['b/util.py'])
  })
})

describe('one finding per packaging change', () => {
  const withMetadata = (extra: string, version = '1.0') => ({
    'PKG-INFO': pkgInfo('demo', version, extra)
  })

  it('a Python version classifier dropped with that Python is part of requires-python-narrowed', async () => {
    const report = await compare(
      withMetadata(
        'Requires-Python: >=3.8\nClassifier: Programming Language :: Python :: 3.8\nClassifier: Framework :: Django'
      ),
      withMetadata('Requires-Python: >=3.9', '1.1')
    )
    expect(withoutVersion(report).map(f => [f.rule, f.severity])).toEqual([
      ['requires-python-narrowed', 'high'],
      ['classifier-removed', 'low']
    ])
    expect(withoutVersion(report)[1]?.message).toContain('Framework :: Django')
  })

  it('a raised minimum is low; a new cap is medium', async () => {
    const report = await compare(
      withMetadata('Requires-Dist: iniconfig\nRequires-Dist: click>=7'),
      withMetadata('Requires-Dist: iniconfig>=1\nRequires-Dist: click>=7,<9', '1.1')
    )
    expect(withoutVersion(report).map(f => [f.severity, f.message])).toEqual([
      ['medium', 'click allows fewer versions: click>=7 → click<9,>=7'],
      ['low', 'iniconfig allows fewer versions: iniconfig → iniconfig>=1 (minimum raised)']
    ])
  })

  it('licences are written as SPDX ids', async () => {
    const report = await compare(
      withMetadata('Classifier: License :: OSI Approved :: MIT License'),
      withMetadata('License-Expression: Apache-2.0', '1.1')
    )
    expect(withoutVersion(report)).toEqual([
      expect.objectContaining({
        rule: 'license-changed',
        severity: 'high',
        message: expect.stringMatching(/^licence changed from MIT to Apache-2\.0 \(/)
      })
    ])
  })
})

const withBackends = withPython(
  ['setuptools', 'flit_core'],
  'python3-build flit',
  'the setup.py → flit migration test'
)

describe('a build-backend migration', () => {
  withBackends(
    'setup.py → flit_core is one build-backend-changed finding listing what went',
    async () => {
      const legacy = tempDir('legacy-')
      mkdirSync(join(legacy, 'migrated'))
      writeFileSync(join(legacy, 'migrated', '__init__.py'), '"""Demo."""\n__version__ = "1.0"\n')
      writeFileSync(
        join(legacy, 'setup.py'),
        'from setuptools import setup\nsetup(name="migrated", version="1.0", packages=["migrated"], python_requires=">=3.8")\n'
      )
      writeFileSync(join(legacy, 'setup.cfg'), '[metadata]\nlicense = MIT\n')
      const flit = tempDir('flit-')
      mkdirSync(join(flit, 'migrated'))
      writeFileSync(join(flit, 'migrated', '__init__.py'), '"""Demo."""\n__version__ = "1.1"\n')
      writeFileSync(
        join(flit, 'pyproject.toml'),
        [
          '[build-system]',
          'requires = ["flit_core>=3.4,<4"]',
          'build-backend = "flit_core.buildapi"',
          '',
          '[project]',
          'name = "migrated"',
          'dynamic = ["version", "description"]',
          'requires-python = ">=3.8"',
          ''
        ].join('\n')
      )
      const report = await diffArchives(buildProject(legacy), buildProject(flit))
      const migration = report.findings.filter(f => f.rule === 'build-backend-changed')
      expect(migration).toEqual([
        {
          rule: 'build-backend-changed',
          severity: 'info',
          message: expect.stringMatching(
            /^build backend changed from setup\.py \(setuptools\.build_meta:__legacy__\) to flit_core\.buildapi; gone: migrated\.egg-info\/, setup\.cfg, setup\.py \(\d+ files\); new: pyproject\.toml$/
          )
        }
      ])
      expect(report.findings.filter(f => f.rule.startsWith('file-'))).toEqual([])
      expect(report.files.removed).toEqual(expect.arrayContaining(['setup.py', 'setup.cfg']))
    },
    60_000
  )
})
