import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { diffArchives } from '../../src/pipeline/index.js'
import { judge } from '../../src/judge/judge.js'
import { analyse } from '../../src/analysis/index.js'
import { readArchive } from '../../src/read/read-archive.js'
import { compareArchives } from '../../src/compare/comparison.js'
import { DEFAULT_DIFF_LIMITS } from '../../src/compare/file-diff.js'
import { buildRawSdist, buildSdist, pkgInfo, tempDir, type SdistSpec } from '../helpers/sdist.js'

async function findingsFor(before: SdistSpec['files'], after: SdistSpec['files']) {
  const report = await diffArchives(
    buildSdist(tempDir(), { files: before }),
    buildSdist(tempDir(), { version: '1.1', files: after })
  )
  return report.findings.filter(f => f.rule !== 'version-changed')
}

describe('file rules fire on their event and stay quiet otherwise', () => {
  it('file-added (info)', async () => {
    expect(await findingsFor({}, { 'NEWS.md': 'x' })).toEqual([
      { rule: 'file-added', severity: 'info', path: 'NEWS.md', message: 'NEWS.md was added' }
    ])
    expect(await findingsFor({ 'NEWS.md': 'x' }, { 'NEWS.md': 'y' })).toEqual([])
  })

  it('file-removed (low; documentation no install reads is info)', async () => {
    expect(await findingsFor({ LICENSE: 'MIT' }, {})).toEqual([
      { rule: 'file-removed', severity: 'low', path: 'LICENSE', message: 'LICENSE was removed' }
    ])
    // Flask 3.0.3 turned README.rst into README.md; pip 24.1 dropped a docs page.
    // python-dateutil 2.9.0 moved its .egg-info under src/ with the code.
    const docs = await findingsFor(
      {
        'README.rst': 'Flask',
        'docs/html/ux_research_design.rst': 'x',
        'demo/README.md': 'y',
        'python_dateutil.egg-info/SOURCES.txt': 'setup.py\n'
      },
      { 'src/python_dateutil.egg-info/SOURCES.txt': 'src/dateutil/__init__.py\n' }
    )
    expect(new Map(docs.map(f => [f.path, f.severity]))).toEqual(
      new Map([
        ['README.rst', 'info'],
        ['demo/README.md', 'low'],
        ['docs/html/ux_research_design.rst', 'info'],
        ['python_dateutil.egg-info/SOURCES.txt', 'info'],
        ['src/python_dateutil.egg-info/SOURCES.txt', 'info']
      ])
    )
  })

  it('file-removed: CI configuration and requirement files no build file names are info', async () => {
    // humanize 4.16.0 dropped .github/zizmor.yml; werkzeug 3.1.0 requirements/tests38.txt;
    // django-debug-toolbar 6.3.0 requirements_dev.txt (moved to [dependency-groups]).
    const removed = {
      '.github/zizmor.yml': 'rules: {}\n',
      'requirements/tests38.txt': 'pytest\n',
      'requirements_dev.txt': 'ruff\n',
      'requirements.txt': 'click\n',
      'pkg/requirements.txt': 'data\n'
    }
    const setupPy =
      "from setuptools import setup\nsetup(install_requires=open('requirements.txt').read().split())\n"
    const findings = await findingsFor({ ...removed, 'setup.py': setupPy }, { 'setup.py': setupPy })
    expect(findings.map(f => [f.path, f.severity, f.message])).toEqual([
      ['pkg/requirements.txt', 'low', 'pkg/requirements.txt was removed'],
      ['requirements.txt', 'low', 'requirements.txt was removed'],
      [
        '.github/zizmor.yml',
        'info',
        '.github/zizmor.yml was removed (repository configuration: no build or install reads it)'
      ],
      [
        'requirements/tests38.txt',
        'info',
        'requirements/tests38.txt was removed (a requirements file no build file of this release names)'
      ],
      [
        'requirements_dev.txt',
        'info',
        'requirements_dev.txt was removed (a requirements file no build file of this release names)'
      ]
    ])
  })

  // Issue 27: coverage 7.11.0 dropped tests/gold/html/partial_626/ (four files): four findings.
  it('file-removed: a few files that were all a folder held are one finding for the folder', async () => {
    const fixture = {
      'tests/gold/partial/index.html': 'a',
      'tests/gold/partial/class_index.html': 'b',
      'tests/gold/other/index.html': 'c',
      'tests/refilled/old.txt': 'd',
      'tests/test_html.py': 'e'
    }
    const findings = await findingsFor(fixture, {
      'tests/gold/other/index.html': 'c',
      'tests/refilled/new.txt': 'x',
      'tests/test_html.py': 'e'
    })
    expect(findings.map(f => [f.rule, f.severity, f.path, f.message])).toEqual([
      [
        'file-removed',
        'low',
        'tests/gold/partial/',
        'folder tests/gold/partial/ was removed (2 files: class_index.html, index.html)'
      ],
      ['file-removed', 'low', 'tests/refilled/old.txt', 'tests/refilled/old.txt was removed'],
      ['file-added', 'info', 'tests/refilled/new.txt', 'tests/refilled/new.txt was added']
    ])
  })

  // wheel 0.46.0 dropped its vendored packaging: "22 files removed under src/wheel/: … (18 more)".
  it('file-removed: a folded finding names the subfolders gone whole, and a folder gone whole', async () => {
    const vendored = Object.fromEntries(
      ['__init__.py', 'markers.py', 'tags.py', 'version.py'].map(n => [
        `src/demo/vendored/packaging/${n}`,
        n
      ])
    )
    const others = { 'src/demo/util.py': 'u', 'src/demo/_compat.py': 'c', 'src/demo/x.so': 'x' }
    const bench = Object.fromEntries([1, 2, 3, 4, 5, 6].map(n => [`bench/b${n}.py`, `${n}`]))
    const kept = { 'src/demo/__init__.py': 'i' }
    const findings = await findingsFor({ ...vendored, ...others, ...bench, ...kept }, kept)
    expect(findings.map(f => f.message)).toEqual([
      'folder bench/ was removed (6 files: b1.py, b2.py, b3.py, b4.py, … (2 more))',
      '7 files removed under src/demo/: vendored/ (4 files), _compat.py, util.py, x.so'
    ])
  })

  it('file-renamed (info), not an add and a remove', async () => {
    const findings = await findingsFor({ 'src/a.py': 'print(1)\n' }, { 'src/b.py': 'print(1)\n' })
    expect(findings).toEqual([
      {
        rule: 'file-renamed',
        severity: 'info',
        path: 'src/b.py',
        message: 'src/a.py was renamed to src/b.py'
      }
    ])
  })

  it('file-mode-changed (low) for permissions and for a type change', async () => {
    const findings = await findingsFor(
      { 'run.sh': { content: 'x', mode: 0o644 }, 'alias.txt': 'x' },
      { 'run.sh': { content: 'x', mode: 0o755 }, 'alias.txt': { symlink: 'run.sh' } }
    )
    expect(findings.map(f => [f.rule, f.severity, f.message])).toEqual([
      ['file-mode-changed', 'low', 'run.sh mode changed from 0644 to 0755 (now executable)'],
      ['file-mode-changed', 'low', 'alias.txt changed from file to symlink']
    ])
    expect(
      await findingsFor(
        { 'run.sh': { content: 'x', mode: 0o755 } },
        { 'run.sh': { content: 'y', mode: 0o755 } }
      )
    ).toEqual([])
  })

  it.each([
    '.env',
    'deploy/.env.production',
    '.pypirc',
    'keys/server.pem',
    'home/.ssh/id_ed25519',
    'id_rsa',
    '.git/config',
    'config/credentials.json'
  ])('sensitive-file-added (high): %s', async path => {
    const findings = await findingsFor({}, { [path]: 'secret' })
    expect(findings[0]).toMatchObject({ rule: 'sensitive-file-added', severity: 'high', path })
  })

  it.each(['.env.example', 'docs/keys.md', 'id_rsa.pub', 'src/environment.py'])(
    'no sensitive-file-added for %s',
    async path => {
      const findings = await findingsFor({}, { [path]: 'x' })
      expect(findings.map(f => f.rule)).toEqual(['file-added'])
    }
  )

  it('unsafe-archive-entry (high) for every flagged entry of the current sdist', async () => {
    const root = 'demo-1.0'
    const previous = await readArchive(buildSdist(tempDir(), { files: {} }))
    const current = await readArchive(
      buildRawSdist(join(tempDir(), 'demo-1.0.tar.gz'), [
        { name: `${root}/PKG-INFO`, content: pkgInfo('demo', '1.0') },
        { name: `${root}/escape`, type: 'symlink', linkname: '../../x' },
        { name: '/abs', content: 'x' }
      ])
    )
    const comparison = compareArchives({ previous, current }, DEFAULT_DIFF_LIMITS)
    const findings = judge(comparison, await analyse(comparison))
    expect(findings.filter(f => f.rule === 'unsafe-archive-entry')).toEqual([
      expect.objectContaining({
        severity: 'high',
        path: 'escape',
        message: expect.stringMatching(/points outside the root/)
      }),
      expect.objectContaining({ severity: 'high', path: '/abs', message: '/abs: absolute path' })
    ])
  })

  it('risk is the highest severity, or none', async () => {
    const quiet = await diffArchives(
      buildSdist(tempDir(), { files: {} }),
      buildSdist(tempDir(), { files: {} })
    )
    expect(quiet.risk).toBe('none')
    const loud = await diffArchives(
      buildSdist(tempDir(), { files: { 'gone.txt': 'x' } }),
      buildSdist(tempDir(), { version: '1.1', files: { '.env': 'TOKEN=1', 'new.txt': 'y' } })
    )
    expect(loud.findings.map(f => `${f.severity} ${f.rule} ${f.path ?? ''}`)).toEqual([
      'high sensitive-file-added .env',
      'low file-removed gone.txt',
      'info version-changed ',
      'info file-added new.txt'
    ])
    expect(loud.risk).toBe('high')
  })
})

describe('judge configuration', () => {
  it('changes a severity, turns a rule off and ignores paths', async () => {
    const previous = await readArchive(buildSdist(tempDir(), { files: { 'a.txt': '1' } }))
    const current = await readArchive(
      buildSdist(tempDir(), { version: '1.1', files: { 'docs/x.md': '2', 'b.txt': '3' } })
    )
    const context = compareArchives({ previous, current }, DEFAULT_DIFF_LIMITS)
    const findings = judge(context, await analyse(context), {
      rules: { 'file-added': 'medium', 'file-removed': 'off', 'version-changed': 'off' },
      ignorePaths: ['docs/**']
    })
    expect(findings).toEqual([
      { rule: 'file-added', severity: 'medium', path: 'b.txt', message: 'b.txt was added' }
    ])
  })
})

describe('one finding per change', () => {
  it('a licence classifier replaced by License-Expression with the same meaning is one info finding', async () => {
    const pkg = (version: string, headers: string) =>
      buildSdist(tempDir(), {
        version,
        files: { 'PKG-INFO': pkgInfo('demo', version, headers) }
      })
    const report = await diffArchives(
      pkg('1.0', 'Classifier: License :: OSI Approved :: MIT License'),
      pkg('1.1', 'License-Expression: MIT')
    )
    expect(report.findings.map(f => `${f.severity} ${f.rule}`)).toEqual([
      'info license-changed',
      'info version-changed'
    ])
    const changed = await diffArchives(
      pkg('1.0', 'Classifier: License :: OSI Approved :: MIT License'),
      pkg('1.1', 'License-Expression: GPL-3.0-only')
    )
    // A real change of licence is one high finding; the classifier that went is part of it.
    expect(changed.findings.map(f => `${f.severity} ${f.rule}`)).toEqual([
      'high license-changed',
      'info version-changed'
    ])
  })
})
