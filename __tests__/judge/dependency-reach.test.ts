import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

/** An sdist of demo declaring these extras, requirements and Requires-Python. */
function side(version: string, extras: string[], requires: string[], requiresPython = ''): string {
  const headers = [
    ...(requiresPython ? [`Requires-Python: ${requiresPython}`] : []),
    ...extras.map(e => `Provides-Extra: ${e}`),
    ...requires.map(r => `Requires-Dist: ${r}`)
  ]
  return buildSdist(tempDir(), {
    version,
    files: { 'PKG-INFO': pkgInfo('demo', version, headers.join('\n')) }
  })
}

async function dependencies(before: string[], after: string[], python = ['', '']) {
  const report = await diffArchives(
    side('1.0', ['cli', 'dev'], before, python[0]),
    side('1.1', ['cli', 'dev'], after, python[1])
  )
  return report.findings
    .filter(f => f.rule.startsWith('dependency-'))
    .map(f => [f.rule, f.severity, f.message])
}

describe('dependency severity by reach', () => {
  it('a requirement reached only through an extra is one level lower', async () => {
    expect(await dependencies([], ['rich>=13; extra == "cli"'])).toEqual([
      ['dependency-added', 'low', 'new dependency rich>=13; extra == "cli" (only through an extra)']
    ])
  })

  // Issue 27: tool pins of development extras were low.
  it('a requirement only development extras bring (by name, or by their content) is info', async () => {
    expect(
      await dependencies(['black>=23; extra == "dev"'], ['black>=24; extra == "dev"'])
    ).toEqual([
      [
        'dependency-tightened',
        'info',
        'black allows fewer versions: black>=23; extra == "dev" → black>=24; extra == "dev" (minimum raised; only through the development extra `dev`)'
      ]
    ])
    const checks = ['ruff>=0.4; extra == "cli"', 'mypy>=1; extra == "cli"']
    expect(await dependencies(checks, [...checks, 'types-requests; extra == "cli"'])).toEqual([
      [
        'dependency-added',
        'info',
        'new dependency types-requests; extra == "cli" (any version) (only through the development extra `cli`)'
      ]
    ])
    // An extra that also brings a library a user imports is not a development extra.
    expect(
      await dependencies(
        ['rich>=13; extra == "cli"'],
        ['rich>=13; extra == "cli"', 'mypy; extra == "cli"']
      )
    ).toEqual([
      [
        'dependency-added',
        'low',
        'new dependency mypy; extra == "cli" (any version) (only through an extra)'
      ]
    ])
  })

  it('removing a requirement whose marker can no longer hold is info', async () => {
    expect(
      await dependencies(['importlib-metadata; python_version < "3.8"'], [], ['>=3.7', '>=3.10'])
    ).toEqual([
      [
        'dependency-removed',
        'info',
        'dependency importlib-metadata; python_version < "3.8" was removed; its marker can no longer be true for Python >=3.10'
      ]
    ])
  })

  it('a marker split folded into one line when the older Pythons go (botocore 1.43.0) is info, each line paired with its own', async () => {
    const before = [
      'urllib3<1.27,>=1.25.4; python_version < "3.10"',
      'urllib3!=2.2.0,<3,>=1.25.4; python_version >= "3.10"'
    ]
    const found = await dependencies(before, ['urllib3!=2.2.0,<3,>=1.25.4'], ['>= 3.9', '>= 3.10'])
    expect(found).toEqual([
      [
        'dependency-changed',
        'info',
        'urllib3 changed (environment marker changed): urllib3!=2.2.0,<3,>=1.25.4; python_version >= "3.10" → urllib3!=2.2.0,<3,>=1.25.4 (no effective change for Python >= 3.10)'
      ],
      [
        'dependency-removed',
        'info',
        'dependency urllib3<1.27,>=1.25.4; python_version < "3.10" was removed; its marker can no longer be true for Python >= 3.10'
      ]
    ])
  })

  // Issue 27: anyio 4.12.0 split its trio extra by Python version; one change came out as an
  // addition (low) and a marker change (low).
  it('a requirement split by Python version is one finding, judged over every Python', async () => {
    const split = [
      'trio>=0.32.0; python_version >= "3.10" and extra == "cli"',
      'trio>=0.31.0; python_version < "3.10" and extra == "cli"'
    ]
    expect(await dependencies(['trio>=0.31.0; extra == "cli"'], split, ['>=3.9', '>=3.9'])).toEqual(
      [
        [
          'dependency-tightened',
          'info',
          'trio allows fewer versions, now declared per environment marker: trio>=0.31.0; extra == "cli" → trio>=0.32.0; python_version >= "3.10" and extra == "cli" / trio>=0.31.0; python_version < "3.10" and extra == "cli" (minimum raised; only through an extra)'
        ]
      ]
    )
    // In the base install, and with a cap on one side of the split: medium, one finding.
    const capped = ['idna>=3; python_version >= "3.10"', 'idna>=2,<3; python_version < "3.10"']
    expect(await dependencies(['idna>=2'], capped, ['>=3.9', '>=3.9'])).toEqual([
      [
        'dependency-tightened',
        'medium',
        'idna allows fewer versions, now declared per environment marker: idna>=2 → idna>=3; python_version >= "3.10" / idna<3,>=2; python_version < "3.10"'
      ]
    ])
    // Raised on one Python and lowered on another: changed.
    const mixed = ['attrs>=23; python_version >= "3.10"', 'attrs>=20; python_version < "3.10"']
    expect(await dependencies(['attrs>=22'], mixed, ['>=3.9', '>=3.9'])).toEqual([
      [
        'dependency-changed',
        'medium',
        'attrs changed, now declared per environment marker: attrs>=22 → attrs>=23; python_version >= "3.10" / attrs>=20; python_version < "3.10"'
      ]
    ])
  })

  it('a requirement moved from an extra to the base install says so', async () => {
    expect(await dependencies(['pygments>=2.7; extra == "dev"'], ['pygments>=2.7'])).toEqual([
      [
        'dependency-changed',
        'medium',
        'pygments changed (environment marker changed): pygments>=2.7; extra == "dev" → pygments>=2.7 (now required by every install; was only in `dev`)'
      ]
    ])
  })
})

describe('one finding per extra', () => {
  it('an extra removed or added carries its requirements, with no finding per requirement', async () => {
    const report = await diffArchives(
      side(
        '1.0',
        ['dev'],
        ['black; extra == "dev"', 'ruff>=0.4; extra == "dev"', 'mypy; extra == "dev"']
      ),
      side('1.1', ['test'], ['pytest>=8; extra == "test"', 'coverage; extra == "test"'])
    )
    expect(report.findings.map(f => [f.rule, f.severity, f.message])).toEqual([
      [
        'extra-removed',
        'medium',
        'extra "dev" was removed, with its 3 requirements: black, ruff, mypy: `pip install demo[dev]` now warns and installs without it'
      ],
      ['version-changed', 'info', 'version 1.0 → 1.1: a minor release'],
      ['extra-added', 'info', 'extra "test" was added, with its 2 requirements: pytest, coverage']
    ])
  })
})

// Issue 27: a dependency repeated for each extra that brings it was one finding per extra.
describe('one finding per dependency', () => {
  it('a requirement added or raised in several extras is one finding naming them', async () => {
    const extras = ['all', 'http2', 'socks']
    const report = await diffArchives(
      side('1.0', extras, ['pysocks>=1.5; extra == "socks"', 'pysocks>=1.5; extra == "all"']),
      side('1.1', extras, [
        'pysocks>=1.7; extra == "socks"',
        'pysocks>=1.7; extra == "all"',
        'h2>=4; extra == "http2"',
        'h2>=4; extra == "all"',
        'h2>=4; extra == "socks" and python_version >= "3.10"'
      ])
    )
    expect(
      report.findings
        .filter(f => f.rule.startsWith('dependency-'))
        .map(f => [f.rule, f.severity, f.message])
    ).toEqual([
      ['dependency-added', 'low', 'new dependency h2>=4 (only through extras `all`, `http2`)'],
      [
        'dependency-added',
        'low',
        'new dependency h2>=4; extra == "socks" and python_version >= "3.10" (only through an extra)'
      ],
      [
        'dependency-tightened',
        'info',
        'pysocks allows fewer versions: pysocks>=1.5 → pysocks>=1.7 (minimum raised; only through extras `all`, `socks`)'
      ]
    ])
  })
})

describe("dependency-changed's message", () => {
  // Issue 27: "allowed versions moved" did not say that every 1.x was lost and the cap dropped.
  it('says what versions are lost and gained', async () => {
    expect(await dependencies(['urllib3!=1.8,!=1.8.1,<3.0.0,>=1.7.4'], ['urllib3>=2.7.0'])).toEqual(
      [
        [
          'dependency-changed',
          'medium',
          'urllib3 changed (every 1.x, 2.x <2.7 no longer allowed; 3.0 and later (the cap <3.0 dropped) newly allowed): urllib3!=1.8,!=1.8.1,<3.0.0,>=1.7.4 → urllib3>=2.7.0'
        ]
      ]
    )
  })
})
