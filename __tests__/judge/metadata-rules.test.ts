import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import type { Finding } from '../../src/judge/types.js'
import { buildSdist, tempDir, type SdistSpec } from '../helpers/sdist.js'

interface Side {
  version?: string
  name?: string
  headers?: string
  files?: SdistSpec['files']
  metadataVersion?: string
}

async function findings(before: Side, after: Side): Promise<Finding[]> {
  const build = (side: Side, version: string) => {
    const name = side.name ?? 'demo'
    const pkgInfo = `Metadata-Version: ${side.metadataVersion ?? '2.1'}\nName: ${name}\nVersion: ${side.version ?? version}\n${side.headers ?? ''}\n`
    return buildSdist(tempDir(), {
      name,
      version: side.version ?? version,
      files: { ...side.files, 'PKG-INFO': pkgInfo }
    })
  }
  const report = await diffArchives(build(before, '1.0'), build(after, '1.1'))
  return report.findings
}

const ruleHits = (all: Finding[], rule: string) => all.filter(f => f.rule === rule)

describe('version and name', () => {
  it('version-not-increased fires on equal (any spelling) and lower versions, not on a higher one', async () => {
    const same = await findings(
      { version: '1.0.0-rc1' },
      { version: '1.0.0rc1', headers: 'Summary: x' }
    )
    expect(ruleHits(same, 'version-not-increased')).toEqual([
      expect.objectContaining({
        severity: 'high',
        message: expect.stringMatching(/same PEP 440 version/)
      })
    ])
    const lower = await findings({ version: '2.0' }, { version: '1.9' })
    expect(ruleHits(lower, 'version-not-increased')[0]?.message).toMatch(
      /lower than the previous 2\.0/
    )
    expect(ruleHits(await findings({}, {}), 'version-not-increased')).toEqual([])
  })

  // Issue 24: these ended the run ("Cannot destructure property 'epoch' of 'input' as it is null").
  // The order expected is packaging's (Version(a) < Version(b)).
  it.each([
    ['1.1.dev2', '1.1.dev3+g1a2b3c4.d20240101', 'increased'],
    ['1.1.dev3+g1a2b3c4.d20240101', '1.1.dev3', 'lower'],
    ['1.0.1', '1.0.1+local.build7', 'increased'],
    ['2.0.0+ubuntu.1', '2.0.0+ubuntu.1', 'same'],
    ['2.0.0+ubuntu.2', '2.0.0+ubuntu.10', 'increased'],
    ['2.0.0+ubuntu.1', '2.0.0+ubuntu-1', 'same'],
    ['2.0.0+1', '2.0.0+ubuntu', 'lower'],
    ['1.0+local', '1!0.5', 'increased']
  ])('%s → %s: %s, without ending the run', async (before, after, order) => {
    const all = await findings({ version: before }, { version: after, headers: 'Summary: x' })
    const notIncreased = ruleHits(all, 'version-not-increased').map(f => f.message)
    expect(notIncreased).toEqual(
      order === 'increased'
        ? []
        : [expect.stringMatching(order === 'same' ? /is the same as/ : /is lower than/)]
    )
    expect(ruleHits(all, 'version-changed').length).toBe(order === 'increased' ? 1 : 0)
    expect(ruleHits(all, 'pypi-would-reject').map(f => f.message)).toEqual(
      after.includes('+') ? [expect.stringMatching(/has a local part \(\+/)] : []
    )
  })

  it('version-changed names the step as info', async () => {
    const hits = ruleHits(
      await findings({ version: '24.3.0rc2' }, { version: '24.3.0rc3' }),
      'version-changed'
    )
    expect(hits).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: 'version 24.3.0rc2 → 24.3.0rc3: the next pre-release of 24.3.0'
      })
    ])
  })

  it('name-changed compares PEP 503 normalised names', async () => {
    expect(
      ruleHits(await findings({ name: 'Click_Extra' }, { name: 'click.extra' }), 'name-changed')
    ).toEqual([])
    expect(
      ruleHits(await findings({ name: 'click-extra' }, { name: 'click-extras' }), 'name-changed')
    ).toHaveLength(1)
  })
})

describe('Requires-Python', () => {
  it('narrowed names each lost minor, widened each gained one', async () => {
    const all = await findings(
      { headers: 'Requires-Python: >=3.8' },
      { headers: 'Requires-Python: >=3.10' }
    )
    expect(ruleHits(all, 'requires-python-narrowed')).toEqual([
      expect.objectContaining({
        severity: 'high',
        message: 'Python 3.8, 3.9 are no longer supported (Requires-Python >=3.8 → >=3.10)'
      })
    ])
    expect(ruleHits(all, 'requires-python-widened')).toEqual([])
    const wider = await findings(
      { headers: 'Requires-Python: >=3.9,!=3.10.*' },
      { headers: 'Requires-Python: >=3.9' }
    )
    expect(ruleHits(wider, 'requires-python-widened')[0]?.message).toMatch(
      /^Python 3\.10 is newly supported/
    )
    expect(ruleHits(wider, 'requires-python-narrowed')).toEqual([])
  })

  it.each([
    ['<3', '>=3.5', 'Python 2 is no longer supported (Requires-Python <3 → >=3.5)', 'high'],
    [
      '>=2.7',
      '>=3.6',
      'Python 2.7, 3.0–3.5 are no longer supported (Requires-Python >=2.7 → >=3.6)',
      'high'
    ],
    [
      '>=3.8',
      '>=3.8.1',
      'Python 3.8.0 is no longer supported (3.8.1 and later still are) (Requires-Python >=3.8 → >=3.8.1)',
      'high'
    ],
    [
      '>=3.9',
      '>=3.9,<3.13',
      'Python 3.13 and later are no longer supported (Requires-Python >=3.9 → >=3.9,<3.13)',
      'high'
    ],
    [
      '>=3.9',
      '>=3.9,<4',
      'Python 4.0 and later are no longer supported (Requires-Python >=3.9 → >=3.9,<4)',
      'info'
    ]
  ])('narrowed: %s → %s', async (before, after, message, severity) => {
    const all = await findings(
      { headers: `Requires-Python: ${before}` },
      { headers: `Requires-Python: ${after}` }
    )
    expect(ruleHits(all, 'requires-python-narrowed')).toEqual([
      expect.objectContaining({ severity, message })
    ])
  })

  it('a Python 2 project moving to Python 3 is both narrowed and widened', async () => {
    const all = await findings(
      { headers: 'Requires-Python: <3' },
      { headers: 'Requires-Python: >=3.5' }
    )
    expect(ruleHits(all, 'requires-python-widened').map(f => f.message)).toEqual([
      'Python 3.5 and later are newly supported (Requires-Python <3 → >=3.5)'
    ])
  })

  it('is quiet when only the spelling changes', async () => {
    const all = await findings(
      { headers: 'Requires-Python: >=3.8.0' },
      { headers: 'Requires-Python: >= 3.8' }
    )
    expect(all.filter(f => f.rule.startsWith('requires-python'))).toEqual([])
  })
})

describe('dependencies', () => {
  const deps = (...lines: string[]) => ({
    headers: lines.map(l => `Requires-Dist: ${l}`).join('\n')
  })

  it('dependency-added shows markers and extras; dependency-removed', async () => {
    const all = await findings(
      deps('requests>=2'),
      deps('requests>=2', 'rich[jupyter]>=13; python_version >= "3.8"')
    )
    expect(ruleHits(all, 'dependency-added')).toEqual([
      expect.objectContaining({
        severity: 'medium',
        message: 'new dependency rich[jupyter]>=13; python_version >= "3.8"'
      })
    ])
    const removed = await findings(deps('requests>=2', 'six'), deps('requests>=2'))
    expect(ruleHits(removed, 'dependency-removed')).toEqual([
      expect.objectContaining({ severity: 'low', message: 'dependency six was removed' })
    ])
  })

  it('tightened, loosened and changed compare specifiers as sets under normalised names', async () => {
    const tightened = await findings(deps('Requests>=2.0'), deps('requests<3,>=2.31'))
    expect(ruleHits(tightened, 'dependency-tightened')).toEqual([
      expect.objectContaining({
        severity: 'medium',
        message: 'requests allows fewer versions: requests>=2.0 → requests<3,>=2.31'
      })
    ])
    expect(
      tightened.filter(f => f.rule === 'dependency-added' || f.rule === 'dependency-removed')
    ).toEqual([])
    const loosened = await findings(deps('click_extra<3,>=2'), deps('Click.Extra>=2'))
    expect(ruleHits(loosened, 'dependency-loosened')).toHaveLength(1)
    const bumped = await findings(deps('numpy==1.26.4'), deps('numpy==2.0.0'))
    expect(ruleHits(bumped, 'dependency-changed')[0]).toMatchObject({
      severity: 'medium',
      message: expect.stringMatching(/1\.26\.4 no longer allowed; 2\.0 newly allowed/)
    })
    const same = await findings(deps('attrs>=3.6.0'), deps('attrs >=3.6'))
    expect(same.filter(f => f.rule.startsWith('dependency'))).toEqual([])
  })

  it('dependency-moved: already required through requires.txt, now declared in PKG-INFO', async () => {
    const requires = { 'demo.egg-info/requires.txt': 'types-setuptools\n' }
    const all = await findings(
      { files: requires },
      { ...deps('types-setuptools'), files: requires }
    )
    expect(all.filter(f => f.rule.startsWith('dependency'))).toEqual([
      {
        rule: 'dependency-moved',
        severity: 'info',
        message:
          'types-setuptools is now declared in PKG-INFO (Requires-Dist); it was already required through demo.egg-info/requires.txt, so installs do not change'
      }
    ])
  })
})

describe('extras, classifiers, licence, entry points, metadata version', () => {
  it('extra-added (info) and extra-removed (medium)', async () => {
    const all = await findings(
      { headers: 'Provides-Extra: cli\nProvides-Extra: docs' },
      { headers: 'Provides-Extra: CLI\nProvides-Extra: test' }
    )
    expect(ruleHits(all, 'extra-added').map(f => [f.severity, f.message])).toEqual([
      ['info', 'extra "test" was added']
    ])
    expect(ruleHits(all, 'extra-removed')[0]).toMatchObject({
      severity: 'medium',
      message: expect.stringMatching(/^extra "docs" was removed/)
    })
  })

  it('classifier-removed (low) and classifier-added (info)', async () => {
    const py = (v: string) => ({ headers: `Classifier: Framework :: Django :: ${v}` })
    const all = await findings(py('4.2'), py('5.0'))
    expect(ruleHits(all, 'classifier-removed')).toEqual([
      expect.objectContaining({
        severity: 'low',
        message: 'classifier "Framework :: Django :: 4.2" was removed'
      })
    ])
    expect(ruleHits(all, 'classifier-added')).toHaveLength(1)
    expect(ruleHits(await findings(py('4.2'), py('4.2')), 'classifier-removed')).toEqual([])
  })

  // Issue 27: three low findings for a deliberate cleanup of classifiers, the Pythons still supported.
  it('Python classifiers dropped for Pythons Requires-Python still allows are one info finding', async () => {
    const classifiers = (...minors: string[]) =>
      minors.map(m => `Classifier: Programming Language :: Python :: ${m}`).join('\n')
    const all = await findings(
      { headers: `Requires-Python: >=3.8\n${classifiers('3.8', '3.9', '3.10', '3.11')}` },
      { headers: `Requires-Python: >=3.8\n${classifiers('3.11')}` }
    )
    expect(ruleHits(all, 'classifier-removed').map(f => [f.severity, f.message])).toEqual([
      [
        'info',
        'classifiers "Programming Language :: Python :: 3.8", "Programming Language :: Python :: 3.9", "Programming Language :: Python :: 3.10" were removed, but Requires-Python >=3.8 still allows those Pythons: no install changes'
      ]
    ])
    // Dropped with the Python itself: part of requires-python-narrowed, as before.
    const narrowed = await findings(
      { headers: `Requires-Python: >=3.8\n${classifiers('3.8', '3.9')}` },
      { headers: `Requires-Python: >=3.9\n${classifiers('3.9')}` }
    )
    expect(ruleHits(narrowed, 'classifier-removed')).toEqual([])
  })

  it('license-changed is high for a new meaning, info for the same meaning in a new form', async () => {
    const bsd = { headers: 'Classifier: License :: OSI Approved :: BSD License' }
    const moved = await findings(bsd, { headers: 'License-Expression: BSD-3-Clause' })
    expect(ruleHits(moved, 'license-changed')).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringMatching(/same meaning, BSD → BSD-3-Clause \(/)
      })
    ])
    const changed = await findings(
      { headers: 'License: MIT' },
      { headers: 'License-Expression: GPL-3.0-or-later' }
    )
    expect(ruleHits(changed, 'license-changed')[0]).toMatchObject({
      severity: 'high',
      message: expect.stringMatching(/from MIT to GPL-3/)
    })
    const gplVersion = await findings({ headers: 'License: GPLv2' }, { headers: 'License: GPLv3' })
    expect(ruleHits(gplVersion, 'license-changed')[0]?.severity).toBe('high')
    const seedStyle = {
      headers:
        'License: LGPLv3\nClassifier: License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)'
    }
    expect(ruleHits(await findings(seedStyle, seedStyle), 'license-changed')).toEqual([])
  })

  it('entry-point-removed reads entry_points.txt and [project.scripts]', async () => {
    const entryPoints = {
      'demo.egg-info/entry_points.txt':
        '[console_scripts]\ndemo = demo:main\ndemo-admin = demo:admin\n'
    }
    const pyproject = {
      'pyproject.toml':
        '[project]\nname = "demo"\ndynamic = ["version"]\n[project.scripts]\ndemo = "demo:main"\n'
    }
    const all = await findings({ files: entryPoints }, { files: pyproject })
    expect(ruleHits(all, 'entry-point-removed').map(f => [f.severity, f.message])).toEqual([
      ['medium', 'entry point console_scripts: demo-admin was removed']
    ])
  })

  // Issue 27: six medium findings for one change, six plugins of one group.
  it('entry points removed are one finding per group', async () => {
    const plugins = ['E', 'F', 'W', 'C90', 'pylint', 'quiet'].map(n => `${n} = demo.plugins:${n}`)
    const entryPoints = (group: string[]) => ({
      'demo.egg-info/entry_points.txt': `[console_scripts]\ndemo = demo:main\n[demo.extension]\n${group.join('\n')}\n`
    })
    const all = await findings(
      { files: entryPoints(plugins) },
      { files: { 'demo.egg-info/entry_points.txt': '[other]\nx = demo:x\n' } }
    )
    expect(ruleHits(all, 'entry-point-removed').map(f => [f.severity, f.message])).toEqual([
      ['medium', 'entry point console_scripts: demo was removed'],
      ['medium', '6 entry points of demo.extension were removed: C90, E, F, W, pylint, quiet']
    ])
  })

  it('metadata-version-changed (info)', async () => {
    const all = await findings({ metadataVersion: '2.1' }, { metadataVersion: '2.4' })
    expect(ruleHits(all, 'metadata-version-changed')).toEqual([
      {
        rule: 'metadata-version-changed',
        severity: 'info',
        path: 'PKG-INFO',
        message: 'Metadata-Version 2.1 → 2.4'
      }
    ])
    expect(ruleHits(await findings({}, {}), 'metadata-version-changed')).toEqual([])
  })
})

describe('suspicious-code', () => {
  it('fires when setup.py gains code that decodes and runs data, downloads, or spawns a shell', async () => {
    const clean = 'from setuptools import setup\nsetup()\n'
    const evil =
      'import base64, os, urllib.request\nexec(base64.b64decode("cHJpbnQoMSk="))\nurllib.request.urlopen("http://x")\nos.system("sh")\n' +
      clean
    const all = ruleHits(
      await findings({ files: { 'setup.py': clean } }, { files: { 'setup.py': evil } }),
      'suspicious-code'
    )
    expect(all.map(f => f.message)).toEqual([
      'setup.py:2 decodes and executes data (exec) at build time: it runs on every machine that builds or installs this sdist',
      'setup.py:3 opens a network connection (urllib.request.urlopen) at build time: it runs on every machine that builds or installs this sdist',
      'setup.py:4 spawns a process (os.system) at build time: it runs on every machine that builds or installs this sdist'
    ])
    expect(all.every(f => f.severity === 'high' && f.path === 'setup.py')).toBe(true)
  })

  it('is quiet when the code was already there, or runs only when called', async () => {
    const shell = 'import subprocess\nsubprocess.run(["git", "describe"])\n'
    expect(
      ruleHits(
        await findings(
          { files: { 'setup.py': shell } },
          { files: { 'setup.py': shell + '# touched\n' } }
        ),
        'suspicious-code'
      )
    ).toEqual([])
    const called =
      'import subprocess\ndef describe():\n    return subprocess.run(["git", "describe"])\n'
    expect(
      ruleHits(await findings({}, { files: { 'demo/cli.py': called } }), 'suspicious-code')
    ).toEqual([])
  })
})

describe('metadata-inconsistent and metadata-invalid', () => {
  it('reports egg-info/PKG-INFO and pyproject.toml that disagree with PKG-INFO', async () => {
    const stale = {
      'demo.egg-info/PKG-INFO': 'Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n\n'
    }
    const pyproject = {
      'pyproject.toml': '[project]\nname = "demo"\nversion = "1.1"\nrequires-python = ">=3.9"\n'
    }
    const all = ruleHits(
      await findings({}, { headers: 'Requires-Python: >=3.8', files: { ...stale, ...pyproject } }),
      'metadata-inconsistent'
    )
    expect(all.map(f => f.message)).toEqual([
      'demo.egg-info/PKG-INFO says Version "1.0" but PKG-INFO says "1.1": the sdist was built from stale egg-info',
      'demo.egg-info/PKG-INFO says Requires-Python "" but PKG-INFO says ">=3.8": the sdist was built from stale egg-info',
      'pyproject.toml [project] requires-python is ">=3.9" but PKG-INFO says ">=3.8"'
    ])
  })

  it('compares egg-info and pyproject.toml by meaning, not by spelling', async () => {
    const eggInfo =
      'Metadata-Version: 2.1\nName: Demo_Pkg\nVersion: 1.1.0\nRequires-Python: >=3.9.0\n' +
      'Requires-Dist: Click (>=7.0)\nRequires-Dist: rich; python_version<"3.11"\n\n'
    const pyproject =
      '[project]\nname = "demo.pkg"\nversion = "1.1.0"\nrequires-python = ">= 3.9"\n' +
      'dependencies = ["rich ; python_version < \'3.11\'", "click>=7"]\n'
    const all = await findings(
      { name: 'demo-pkg' },
      {
        name: 'demo-pkg',
        headers:
          'Requires-Python: >=3.9\nRequires-Dist: click>=7\nRequires-Dist: rich ; python_version < "3.11"',
        files: { 'demo_pkg.egg-info/PKG-INFO': eggInfo, 'pyproject.toml': pyproject }
      }
    )
    expect(ruleHits(all, 'metadata-inconsistent')).toEqual([])
  })

  it('reports PKG-INFO lines that are not headers', async () => {
    const all = await findings({}, { headers: 'Summary: ok\nthis line has no colon' })
    expect(ruleHits(all, 'metadata-invalid').map(f => f.message)).toEqual([
      'PKG-INFO: cannot parse "this line has no colon" (not a "Name: value" header line)'
    ])
  })

  it('reports requirements and specifiers installers cannot parse', async () => {
    const all = await findings(
      {},
      { headers: 'Requires-Python: >=3.8,,<' + '\nRequires-Dist: foo >=' }
    )
    expect(ruleHits(all, 'metadata-invalid').map(f => f.message)).toEqual([
      expect.stringMatching(/^PKG-INFO Requires-Dist: cannot parse "foo >="/),
      'PKG-INFO Requires-Python: cannot parse ">=3.8,,<" (not a valid PEP 440 specifier set)'
    ])
  })
})
