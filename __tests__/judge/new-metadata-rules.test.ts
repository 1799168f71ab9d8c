// Issue 27 item 3: changes no rule reported, each built into real sdists and judged.
import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

interface Side {
  headers?: string
  files?: Record<string, string>
}

async function hits(before: Side, after: Side, rule: string): Promise<string[][]> {
  const build = (side: Side, version: string) =>
    buildSdist(tempDir(), {
      version,
      files: { ...side.files, 'PKG-INFO': pkgInfo('demo', version, side.headers ?? '') }
    })
  const report = await diffArchives(build(before, '1.0'), build(after, '1.1'))
  return report.findings.filter(f => f.rule === rule).map(f => [f.severity, f.message])
}

const pyproject = (requires: string[], backend = 'flit_core.buildapi') => ({
  'pyproject.toml': `[build-system]\nrequires = ${JSON.stringify(requires)}\nbuild-backend = "${backend}"\n`
})

describe('build-requirements-changed', () => {
  const rule = 'build-requirements-changed'

  it('a backend minimum raised is low and says so', async () => {
    expect(
      await hits(
        { files: pyproject(['flit-core >= 3.8']) },
        { files: pyproject(['flit-core >= 3.11']) },
        rule
      )
    ).toEqual([
      ['low', '[build-system] requires changed: flit-core>=3.8 → flit-core>=3.11 (minimum raised)']
    ])
  })

  it('a cap on a compiler dropped is medium', async () => {
    const [hit] = await hits(
      { files: pyproject(['setuptools>=61', 'Cython>=0.29,<3'], 'setuptools.build_meta') },
      { files: pyproject(['setuptools>=61', 'Cython>=0.29'], 'setuptools.build_meta') },
      rule
    )
    expect(hit).toEqual([
      'medium',
      '[build-system] requires changed: cython<3,>=0.29 → cython>=0.29 (cap dropped)'
    ])
  })

  it('a requirement every build now installs is medium', async () => {
    const [hit] = await hits(
      { files: pyproject(['hatchling'], 'hatchling.build') },
      { files: pyproject(['hatchling', 'hatch-vcs'], 'hatchling.build') },
      rule
    )
    expect(hit?.[0]).toBe('medium')
    expect(hit?.[1]).toMatch(/new: hatch-vcs \(every source build installs it\)/)
  })

  it('is info when the backend changed with it, and silent when nothing changed', async () => {
    const [hit] = await hits(
      { files: pyproject(['poetry-core>=1.0.0'], 'poetry.core.masonry.api') },
      { files: pyproject(['hatchling', 'hatch-vcs'], 'hatchling.build') },
      rule
    )
    expect(hit?.[0]).toBe('info')
    expect(hit?.[1]).toMatch(/with the build backend change$/)
    expect(
      await hits(
        { files: pyproject(['flit_core >=3.4']) },
        { files: pyproject(['flit_core>=3.4']) },
        rule
      )
    ).toEqual([])
    expect(await hits({}, {}, rule)).toEqual([])
  })
})

describe('project-urls-changed', () => {
  const rule = 'project-urls-changed'
  const links = [
    'Home-page: https://pycqa.github.io/isort/',
    'Project-URL: Changelog, https://github.com/pycqa/isort/blob/main/CHANGELOG.md',
    'Project-URL: Repository, https://github.com/pycqa/isort'
  ]

  it('links dropped are low, naming each', async () => {
    expect(await hits({ headers: links.join('\n') }, { headers: links[1] }, rule)).toEqual([
      [
        'low',
        'project links changed: dropped from the index page: Home-page https://pycqa.github.io/isort/, Repository https://github.com/pycqa/isort'
      ]
    ])
  })

  it('links added, relabelled or moved are info; Home-page and Project-URL Homepage are one link', async () => {
    expect(
      await hits(
        {
          headers:
            'Home-page: https://example.org\nProject-URL: Source Code, https://git.example.org/demo'
        },
        {
          headers:
            'Project-URL: Homepage, https://example.org/\nProject-URL: Source, https://git.example.org/demo\nProject-URL: Docs, https://docs.example.org'
        },
        rule
      )
    ).toEqual([
      [
        'info',
        'project links changed: Source Code now labelled Source; new: Docs https://docs.example.org'
      ]
    ])
    expect(
      await hits({ headers: links.join('\n') }, { headers: [...links].reverse().join('\n') }, rule)
    ).toEqual([])
    // coverage links the docs of each version: 7.10.7 → 7.11.0 is no change of link.
    expect(
      await hits(
        { headers: 'Project-URL: Documentation, https://demo.readthedocs.io/en/1.0' },
        { headers: 'Project-URL: Documentation, https://demo.readthedocs.io/en/1.1' },
        rule
      )
    ).toEqual([])
  })
})

describe('entry-point-changed', () => {
  const rule = 'entry-point-changed'
  const scripts = (target: string, plugin: string) => ({
    'pyproject.toml': `[project]\nname = "demo"\n[project.scripts]\nwheel = "${target}"\n[project.entry-points."distutils.commands"]\nbdist_wheel = "${plugin}"\n`
  })

  it("is medium when a console script's or a plugin's target changes", async () => {
    expect(
      await hits(
        { files: scripts('wheel.cli:main', 'wheel.bdist_wheel:bdist_wheel') },
        { files: scripts('wheel._commands:main', 'wheel._bdist_wheel:bdist_wheel') },
        rule
      )
    ).toEqual([
      [
        'medium',
        'entry point console_scripts: wheel now loads wheel._commands:main (was wheel.cli:main)'
      ],
      [
        'medium',
        'entry point distutils.commands: bdist_wheel now loads wheel._bdist_wheel:bdist_wheel (was wheel.bdist_wheel:bdist_wheel)'
      ]
    ])
  })

  it('reads egg-info entry_points.txt, and spacing is no change', async () => {
    const txt = (target: string) => ({
      'demo.egg-info/entry_points.txt': `[console_scripts]\ndemo = ${target}\n`
    })
    expect(
      await hits({ files: txt('demo.cli:main') }, { files: txt('demo.cli : main') }, rule)
    ).toEqual([])
    const [hit] = await hits({ files: txt('demo.cli:main') }, { files: txt('demo.app:run') }, rule)
    expect(hit).toEqual(['medium', expect.stringMatching(/now loads demo\.app:run/)])
  })
})

// Issue 27 item 4: build 1.3.0 moved docs, test and typing to [dependency-groups].
describe('a PEP 735 migration', () => {
  const extras = (...names: string[]) => names.map(n => `Provides-Extra: ${n}`)
  const before = [
    ...extras('docs', 'check', 'uv', 'cli'),
    'Requires-Dist: furo>=2023; extra == "docs"',
    'Requires-Dist: ruff; extra == "check"',
    'Requires-Dist: mypy~=1.9; extra == "check"',
    'Requires-Dist: uv>=0.1.18; extra == "uv"',
    'Requires-Dist: click; extra == "cli"'
  ].join('\n')
  const groups = {
    'pyproject.toml':
      '[dependency-groups]\ndocs = ["furo >= 2023"]\nlint = ["ruff"]\ntyping = ["mypy ~= 1.15"]\ndev = [{ include-group = "lint" }, { include-group = "typing" }]\n'
  }

  it('is one low extra-removed naming the extras and groups; an extra that went elsewhere stays medium', async () => {
    const found = await hits(
      { headers: before },
      {
        headers: [...extras('uv'), 'Requires-Dist: uv>=0.1.18; extra == "uv"'].join('\n'),
        files: groups
      },
      'extra-removed'
    )
    expect(found).toEqual([
      [
        'medium',
        'extra "cli" was removed, with its 1 requirement: click: `pip install demo[cli]` now warns and installs without it'
      ],
      [
        'low',
        'extras "check", "docs" moved to [dependency-groups] "dev", "docs" (PEP 735): `pip install demo[check]` now warns and installs without it; contributors install the groups with `pip install --group`'
      ]
    ])
  })
})

describe('a new in-tree build backend', () => {
  it('is medium, naming its module and file', async () => {
    const found = await hits(
      { files: pyproject(['setuptools>=61'], 'setuptools.build_meta') },
      {
        files: {
          'pyproject.toml':
            '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "backend.build:api"\nbackend-path = ["_build"]\n',
          '_build/backend/__init__.py': '',
          '_build/backend/build.py': 'from setuptools.build_meta import *\n'
        }
      },
      'build-backend-changed'
    )
    expect(found).toEqual([
      [
        'medium',
        'new in-tree build backend: module backend.build (_build/backend/build.py) from backend-path _build runs on every source build; build backend changed from setuptools.build_meta to backend.build:api'
      ]
    ])
  })

  it('a migration between backends from the index stays info', async () => {
    const [hit] = await hits(
      { files: pyproject(['flit_core>=3.4']) },
      { files: pyproject(['hatchling'], 'hatchling.build') },
      'build-backend-changed'
    )
    expect(hit?.[0]).toBe('info')
  })
})
